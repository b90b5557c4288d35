package demo

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// filePlan is everything needed to write one file.
type filePlan struct {
	index      int
	fl         *flowLog
	format     *format
	day, hour  int
	part       int // >0 when a flow log has several files in one hour
	hourStart  int64
	path       string // slash-separated, relative to the output directory
	background int    // background records
	planted    []rec  // scenario records, sorted by start
}

// records returns the number of records the file holds.
func (p *filePlan) records() int { return p.background + len(p.planted) }

// hourWeights shape the background volume over the day (UTC).
var hourWeights = [24]int{4, 3, 3, 3, 4, 5, 7, 9, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 8, 7, 6, 5, 5, 4}

// hourOrder is the order in which background files take hours: busy hours
// first, then the rest, so that a few files already cover the day.
var hourOrder = []int{10, 14, 18, 8, 12, 16, 20, 22, 6, 9, 13, 17, 11, 15, 19, 21, 7, 23, 0, 2, 4, 1, 3, 5}

// flowLogCycle is the order in which background files are given to flow logs:
// the v10 ECS flow log gets one file in nine.
var flowLogCycle = []int{0, 1, 2, 3, 0, 1, 2, 3, 4}

// formatOf returns the format of flow log fl under the Formats option.
func formatOf(formats string, fl int) *format {
	switch formats {
	case FormatV2:
		return formatV2
	case FormatV5:
		return formatV5
	}
	switch fl {
	case 1, 2:
		return formatV5
	case 4:
		return formatV10
	}
	return formatV2
}

type slotKey struct{ fl, day, hour int }

// makePlan lays out the files: the scenario files (when planted) and the
// background files, their paths, and how many records each holds.
func makePlan(opts Options, topo []*flowLog, planted bool) ([]*filePlan, error) {
	start := time.Date(opts.Start.Year(), opts.Start.Month(), opts.Start.Day(), 0, 0, 0, 0, time.UTC)
	var plans []*filePlan
	used := map[slotKey]bool{}
	newPlan := func(fl, day, hour, part int) *filePlan {
		return &filePlan{
			fl: topo[fl], format: formatOf(opts.Formats, fl), day: day, hour: hour, part: part,
			hourStart: start.Add(time.Duration(day*24+hour) * time.Hour).Unix(),
		}
	}
	scenarioRecords := 0
	if planted {
		for _, s := range scenarioFiles {
			p := newPlan(s.fl, s.day, s.hour, 0)
			recs, err := plantFile(s, p.fl, p.hourStart)
			if err != nil {
				return nil, err
			}
			p.planted = recs
			scenarioRecords += len(recs)
			used[slotKey{s.fl, s.day, s.hour}] = true
			plans = append(plans, p)
		}
	}
	// Free (day, hour) slots of each flow log, in spreading order.
	// Consecutive slots differ in hour and day, and flow logs start at
	// different hours, so that a few files per flow log cover the days.
	free := make([][]slotKey, len(topo))
	for fl := range topo {
		for i := range len(hourOrder) * opts.Days {
			// Slot i takes hour i%24 (in hourOrder) of day i/24 shifted by
			// that hour: a different (day, hour) for every i, whatever the
			// number of days.
			k := slotKey{fl, (i%len(hourOrder) + i/len(hourOrder)) % opts.Days, hourOrder[(i+3*fl)%len(hourOrder)]}
			if !used[k] {
				free[fl] = append(free[fl], k)
			}
		}
	}
	taken := make([]int, len(topo))
	for k := 0; len(plans) < opts.Files; k++ {
		fl := flowLogCycle[k%len(flowLogCycle)]
		n := taken[fl]
		taken[fl]++
		s := free[fl][n%len(free[fl])]
		plans = append(plans, newPlan(fl, s.day, s.hour, n/len(free[fl])))
	}
	sort.SliceStable(plans, func(i, j int) bool {
		a, b := plans[i], plans[j]
		if a.hourStart != b.hourStart {
			return a.hourStart < b.hourStart
		}
		if a.fl.index != b.fl.index {
			return a.fl.index < b.fl.index
		}
		return a.part < b.part
	})
	if err := spreadBackground(plans, opts.Records-scenarioRecords); err != nil {
		return nil, err
	}
	for i, p := range plans {
		p.index = i
		p.path = objectKey(p, opts.Seed)
	}
	return plans, nil
}

// spreadBackground shares total background records among the files in
// proportion to their hour's weight (largest remainder, ties to the earlier file).
func spreadBackground(plans []*filePlan, total int) error {
	if total < 0 {
		return fmt.Errorf("demo: %d records leave no room for the planted scenarios", total)
	}
	sum := 0
	for _, p := range plans {
		sum += hourWeights[p.hour]
	}
	given := 0
	rems := make([]int, len(plans))
	for i, p := range plans {
		w := int64(hourWeights[p.hour])
		q := int64(total) * w
		p.background = int(q / int64(sum))
		rems[i] = int(q % int64(sum))
		given += p.background
	}
	order := make([]int, len(plans))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rems[order[a]] > rems[order[b]] })
	for i := 0; given < total; i++ {
		plans[order[i%len(order)]].background++
		given++
	}
	return nil
}

// objectKey is the S3 key of a file, as AWS delivers it:
// AWSLogs/{account}/vpcflowlogs/{region}/{yyyy}/{mm}/{dd}/
// {account}_vpcflowlogs_{region}_{fl-id}_{yyyymmdd}T{hhmm}Z_{hash}.log.gz
func objectKey(p *filePlan, seed int64) string {
	t := time.Unix(p.hourStart, 0).UTC().Add(time.Duration(5*(p.part%12)) * time.Minute)
	hash := hashString(p.fl.id + "/" + strconv.FormatInt(p.hourStart, 10) + "/" + strconv.Itoa(p.part) + "/" + strconv.FormatInt(seed, 10))
	name := fmt.Sprintf("%s_vpcflowlogs_%s_%s_%sZ_%08x.log.gz",
		p.fl.account, p.fl.region, p.fl.id, t.Format("20060102T1504"), uint32(hash))
	return fmt.Sprintf("AWSLogs/%s/vpcflowlogs/%s/%s/%s", p.fl.account, p.fl.region, t.Format("2006/01/02"), name)
}
