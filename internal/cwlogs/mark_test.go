package cwlogs

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, uri string
		want      Source
		err       bool
	}{
		{"group with slashes", "cwl:///aws/vpc/flow-logs", Source{Group: "/aws/vpc/flow-logs"}, false},
		{"trailing slash", "cwl:///aws/vpc/flow-logs/", Source{Group: "/aws/vpc/flow-logs"}, false},
		{"stream prefix after //", "cwl:///aws/vpc/flow-logs//eni-0abc", Source{Group: "/aws/vpc/flow-logs", Prefix: "eni-0abc"}, false},
		{"plain group", "cwl://vpc-flow", Source{Group: "vpc-flow"}, false},
		{"plain group and prefix", "cwl://vpc-flow//eni-1-all", Source{Group: "vpc-flow", Prefix: "eni-1-all"}, false},
		{"prefix with slashes", "cwl://g//a/b", Source{Group: "g", Prefix: "a/b"}, false},
		{"no group", "cwl://", Source{}, true},
		{"only a slash", "cwl:///", Source{}, true},
		{"star in prefix", "cwl://g//eni-*", Source{}, true},
		{"not cwl", "s3://b/k", Source{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.uri)
			if (err != nil) != tt.err {
				t.Fatalf("Parse(%q) error = %v, want error %t", tt.uri, err, tt.err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.uri, got, tt.want)
			}
			if err == nil && got.Prefix != "" {
				if back := got.String(); back != tt.uri {
					t.Errorf("String() = %q, want %q", back, tt.uri)
				}
			}
		})
	}
}

func TestPlan(t *testing.T) {
	m := Mark{First: 100, Last: 200, IDs: []string{"a", "b"}}
	skipAB := map[string]bool{"a": true, "b": true}
	tests := []struct {
		name         string
		known        bool
		since, until int64
		sinceGiven   bool
		force        bool
		want         window
	}{
		{"never read: the window", false, 50, 300, false, false, window{spans: []span{{From: 50, To: 300}}}},
		{"continues from the mark, skipping the ids there", true, 50, 300, false, false,
			window{spans: []span{{From: 200, To: 300, skip: skipAB}}}},
		{"an earlier --since also reads before the first pull", true, 50, 300, true, false,
			window{spans: []span{{From: 50, To: 99}, {From: 200, To: 300, skip: skipAB}}}},
		{"a later --since still continues from the mark", true, 250, 300, true, false,
			window{spans: []span{{From: 200, To: 300, skip: skipAB}}}},
		{"--until before the mark reads nothing new", true, 150, 180, true, false, window{}},
		{"--force re-reads from --since, replacing", true, 150, 300, true, true,
			window{spans: []span{{From: 150, To: 300}}, replace: &span{From: 150, To: 300}}},
		{"--force with a later --since starts at the mark", true, 250, 300, true, true,
			window{spans: []span{{From: 200, To: 300}}, replace: &span{From: 200, To: 300}}},
		{"empty window", false, 300, 200, true, false, window{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plan(m, tt.known, tt.since, tt.until, tt.sinceGiven, tt.force)
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(window{}, span{})); diff != "" {
				t.Errorf("plan (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAdvance(t *testing.T) {
	m := Mark{First: 100, Last: 200, IDs: []string{"b", "a"}}
	after := window{spans: []span{{From: 200, To: 300}}}
	tests := []struct {
		name  string
		known bool
		w     window
		n     int64
		last  int64
		ids   []string
		want  Mark
	}{
		{"first pull", false, window{spans: []span{{From: 50, To: 300}}}, 3, 250, []string{"x"}, Mark{First: 50, Last: 250, IDs: []string{"x"}}},
		{"newer events move the mark", true, after, 2, 260, []string{"y"}, Mark{First: 100, Last: 260, IDs: []string{"y"}}},
		{"events at the mark's time join its ids", true, after, 1, 200, []string{"c"}, Mark{First: 100, Last: 200, IDs: []string{"a", "b", "c"}}},
		{"an earlier span moves First", true, window{spans: []span{{From: 10, To: 99}, {From: 200, To: 300}}}, 1, 50, []string{"z"},
			Mark{First: 10, Last: 200, IDs: []string{"b", "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := advance(m, tt.known, tt.w, tt.n, tt.last, tt.ids)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("advance (-want +got):\n%s", diff)
			}
		})
	}
}
