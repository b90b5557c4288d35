package htmlreport

import (
	"database/sql"
	"fmt"
	"strconv"

	"github.com/flowduck/flowduck/internal/htmlpage"
	"github.com/flowduck/flowduck/schema"
)

// talkersSQL ranks source addresses by the bytes they sent; the peers
// (distinct destinations) are counted for the top ones only, which keeps
// the distinct count off the whole table.
func (r *run) talkersSQL() string {
	return recordsCTE(r.opts.Filter, true) + fmt.Sprintf(`,

top AS (
    -- the sources that sent the most bytes
    SELECT srcaddr AS address, sum(bytes) AS bytes, count(*) AS flows
    FROM records
    GROUP BY srcaddr
    ORDER BY bytes DESC, address
    LIMIT %d
)

SELECT
    top.address,
    top.bytes,
    top.flows,
    count(DISTINCT records.dstaddr) AS peers
FROM top
JOIN records ON records.srcaddr = top.address
GROUP BY top.address, top.bytes, top.flows
ORDER BY top.bytes DESC, top.address;`, r.opts.Top)
}

// portsSQL ranks service ports (the lower of a flow's two ports, as the
// flows view's service column reads them) by flows.
func (r *run) portsSQL() string {
	return recordsCTE(r.opts.Filter, true) + fmt.Sprintf(`
SELECT
    protocol,
    least(srcport, dstport) AS port,  -- the service's port: a client's ephemeral port is the higher one
    count(*) AS flows,
    sum(bytes) AS bytes,
    count(*) FILTER (WHERE action = 'REJECT') AS rejected_flows
FROM records
WHERE srcport IS NOT NULL AND dstport IS NOT NULL
GROUP BY protocol, port
ORDER BY flows DESC, protocol, port
LIMIT %d;`, r.opts.Top)
}

// rejectedSQL ranks the sources of rejected flows.
func (r *run) rejectedSQL() string {
	return recordsCTE(r.opts.Filter, true) + fmt.Sprintf(`
SELECT
    srcaddr AS source,
    count(*) AS rejected_flows,
    count(DISTINCT dstaddr) AS targets,
    count(DISTINCT dstport) AS ports
FROM records
WHERE action = 'REJECT'
GROUP BY srcaddr
ORDER BY rejected_flows DESC, source
LIMIT %d;`, r.opts.Top)
}

// talkers is the section "top talkers".
func (r *run) talkers() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "talkers", Title: "Top talkers",
		Note: fmt.Sprintf("The %d source addresses that sent the most bytes.", r.opts.Top)}
	chart := &htmlpage.BarChart{Title: "Bytes sent", Unit: "bytes"}
	stmt := r.talkersSQL()
	err := query(r.ctx, r.conn, "top talkers", stmt, func(rows *sql.Rows) error {
		var addr sql.NullString
		var bytes, flows, peers any
		if err := rows.Scan(&addr, &bytes, &flows, &peers); err != nil {
			return err
		}
		chart.Bars = append(chart.Bars, htmlpage.Bar{Label: addr.String, Value: number(bytes),
			Note: fmt.Sprintf("%d flows to %d peers", integer(flows), integer(peers))})
		return nil
	})
	return r.barSection(sec, chart, stmt, err)
}

// ports is the section "top ports".
func (r *run) ports() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "ports", Title: "Top ports and services",
		Note: fmt.Sprintf("The %d service ports with the most flows (accepted and rejected), named where the port is well known.", r.opts.Top)}
	chart := &htmlpage.BarChart{Title: "Flows"}
	stmt := r.portsSQL()
	err := query(r.ctx, r.conn, "top ports", stmt, func(rows *sql.Rows) error {
		var protocol sql.NullInt64
		var port sql.NullInt64
		var flows, bytes, rejected any
		if err := rows.Scan(&protocol, &port, &flows, &bytes, &rejected); err != nil {
			return err
		}
		chart.Bars = append(chart.Bars, htmlpage.Bar{Label: portLabel(protocol, port), Value: number(flows),
			Note: fmt.Sprintf("%d bytes, %d rejected flows", integer(bytes), integer(rejected))})
		return nil
	})
	return r.barSection(sec, chart, stmt, err)
}

// rejected is the section "top rejected sources".
func (r *run) rejected() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "rejected", Title: "Top rejected sources",
		Note: fmt.Sprintf("The %d source addresses with the most rejected flows: scanners, brute force, misconfigured clients.", r.opts.Top)}
	chart := &htmlpage.BarChart{Title: "Rejected flows", Color: htmlpage.RejectedColor}
	stmt := r.rejectedSQL()
	err := query(r.ctx, r.conn, "top rejected sources", stmt, func(rows *sql.Rows) error {
		var addr sql.NullString
		var flows, targets, ports any
		if err := rows.Scan(&addr, &flows, &targets, &ports); err != nil {
			return err
		}
		chart.Bars = append(chart.Bars, htmlpage.Bar{Label: addr.String, Value: number(flows),
			Note: fmt.Sprintf("%d targets, %d ports", integer(targets), integer(ports))})
		return nil
	})
	return r.barSection(sec, chart, stmt, err)
}

// barSection finishes a section of one bar chart.
func (r *run) barSection(sec htmlpage.Section, chart *htmlpage.BarChart, stmt string, err error) (htmlpage.Section, error) {
	if err != nil {
		return sec, err
	}
	sec.Queries = []htmlpage.Query{{SQL: stmt}}
	if len(chart.Bars) == 0 {
		sec.Empty = "No rows."
		return sec, nil
	}
	sec.Bars = []*htmlpage.BarChart{chart}
	return sec, nil
}

// portLabel names a protocol's port: "443/tcp https".
func portLabel(protocol, port sql.NullInt64) string {
	proto := "?"
	if protocol.Valid {
		proto = strconv.FormatInt(protocol.Int64, 10)
		if protocol.Int64 >= 0 && protocol.Int64 < int64(len(schema.Protocols)) && schema.Protocols[protocol.Int64] != "" {
			proto = schema.Protocols[protocol.Int64]
		}
	}
	label := strconv.FormatInt(port.Int64, 10) + "/" + proto
	if service := serviceName(protocol.Int64, port.Int64); service != "" {
		label += " " + service
	}
	return label
}

// serviceName is the well-known service of a port, as the flows view names
// it, or "".
func serviceName(protocol, port int64) string {
	known := false
	for _, p := range schema.ServiceProtocols {
		known = known || int64(p) == protocol
	}
	if !known {
		return ""
	}
	for _, s := range schema.Services {
		if int64(s.Port) == port {
			return s.Name
		}
	}
	return ""
}
