package htmlreport

import (
	"database/sql"
	"fmt"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/htmlpage"
)

// conversationsSQL picks the source-destination pairs that moved the most
// bytes and tells private addresses from public ones (is_private).
func (r *run) conversationsSQL() string {
	return recordsCTE(r.opts.Filter, true) + fmt.Sprintf(`,

pairs AS (
    -- the pairs that moved the most bytes
    SELECT srcaddr, dstaddr, sum(bytes) AS bytes, count(*) AS flows
    FROM records
    GROUP BY srcaddr, dstaddr
    ORDER BY bytes DESC, srcaddr, dstaddr
    LIMIT %d
)

SELECT
    srcaddr,
    dstaddr,
    bytes,
    flows,
    %[2]s(srcaddr) AS src_private,
    %[2]s(dstaddr) AS dst_private
FROM pairs
ORDER BY bytes DESC, srcaddr, dstaddr;`, r.opts.Conversations, dialect.PrivateMacro)
}

// conversations is the section "top conversations": a graph.
func (r *run) conversations() (htmlpage.Section, error) {
	sec := htmlpage.Section{ID: "conversations", Title: "Top conversations",
		Note: fmt.Sprintf("The %d source → destination pairs that moved the most bytes. Green: private addresses; orange: public. Hover an arrow or an address for its traffic.", r.opts.Conversations)}
	g := &htmlpage.Graph{}
	index := map[string]int{}
	node := func(addr string, private bool) int {
		if i, ok := index[addr]; ok {
			return i
		}
		index[addr] = len(g.Nodes)
		g.Nodes = append(g.Nodes, htmlpage.Node{Label: addr, Private: private})
		return len(g.Nodes) - 1
	}
	stmt := r.conversationsSQL()
	err := query(r.ctx, r.conn, "top conversations", stmt, func(rows *sql.Rows) error {
		var src, dst sql.NullString
		var bytes, flows any
		var srcPrivate, dstPrivate sql.NullBool
		if err := rows.Scan(&src, &dst, &bytes, &flows, &srcPrivate, &dstPrivate); err != nil {
			return err
		}
		from, to := node(src.String, srcPrivate.Bool), node(dst.String, dstPrivate.Bool)
		g.Edges = append(g.Edges, htmlpage.Edge{From: from, To: to, Bytes: integer(bytes), Flows: integer(flows)})
		return nil
	})
	if err != nil {
		return sec, err
	}
	sec.Queries = []htmlpage.Query{{SQL: stmt}}
	if len(g.Edges) == 0 {
		sec.Empty = "No traffic in the records of this report."
		return sec, nil
	}
	sec.Graph = g
	return sec, nil
}
