package htmlpage

import (
	"fmt"
	"math"
	"sort"
)

// Graph is a graph of conversations: addresses as nodes, coloured by scope,
// and directed edges weighted by bytes.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// Node is one address of a [Graph].
type Node struct {
	Label   string
	Private bool
}

// Edge is traffic from node From to node To (indexes into Nodes).
type Edge struct {
	From, To     int
	Bytes, Flows int64
}

// Size of a graph, in SVG user units.
const (
	graphWidth, graphHeight = 960, 720
	graphRadius             = 240
)

// Colours of the two kinds of node.
const (
	privateColor = "#2ca02c"
	publicColor  = "#ff7f0e"
)

// graphView is a Graph with its layout computed, for the template.
type graphView struct {
	Width, Height int
	Nodes         []nodeView
	Edges         []edgeView
	PrivateColor  string
	PublicColor   string
}

// nodeView is one node placed.
type nodeView struct {
	X, Y, R, LabelX, LabelY string
	Anchor, Label, Title    string
	Rotate                  string
	Color, Scope            string
}

// edgeView is one edge drawn as a curve through the middle of the circle.
type edgeView struct {
	D, Width, Title string
}

// view lays the nodes out on a circle, private addresses together and
// public ones together (each group in the order given), and draws
// each edge as a curve bent towards the centre, as wide as the square root
// of its share of the largest edge's bytes.
func (g *Graph) view() graphView {
	v := graphView{Width: graphWidth, Height: graphHeight, PrivateColor: privateColor, PublicColor: publicColor}
	order := make([]int, len(g.Nodes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return g.Nodes[order[a]].Private && !g.Nodes[order[b]].Private })
	cx, cy := float64(graphWidth)/2, float64(graphHeight)/2
	pos := make([][2]float64, len(g.Nodes))
	total := make([]int64, len(g.Nodes))
	for _, e := range g.Edges {
		total[e.From] += e.Bytes
		total[e.To] += e.Bytes
	}
	var maxNode, maxEdge int64 = 1, 1
	for _, t := range total {
		maxNode = max(maxNode, t)
	}
	for _, e := range g.Edges {
		maxEdge = max(maxEdge, e.Bytes)
	}
	radius := make([]float64, len(g.Nodes))
	for i, t := range total {
		radius[i] = 4 + 8*math.Sqrt(float64(t)/float64(maxNode))
	}
	n := len(order)
	v.Nodes = make([]nodeView, n)
	for k, i := range order {
		// counter-clockwise from the top: the private addresses, then the
		// public ones
		angle := math.Pi/2 + 2*math.Pi*(float64(k)+0.5)/float64(max(n, 1))
		x, y := cx+graphRadius*math.Cos(angle), cy-graphRadius*math.Sin(angle)
		pos[i] = [2]float64{x, y}
		// labels run outwards along the radius, so neighbours never overlap
		lx, ly := cx+(graphRadius+16)*math.Cos(angle), cy-(graphRadius+16)*math.Sin(angle)
		anchor, turn := "start", -angle*180/math.Pi
		if math.Cos(angle) < 0 {
			anchor, turn = "end", turn+180
		}
		node := g.Nodes[i]
		color, scope := publicColor, "public"
		if node.Private {
			color, scope = privateColor, "private"
		}
		v.Nodes[k] = nodeView{X: coord(x), Y: coord(y), R: coord(radius[i]), LabelX: coord(lx), LabelY: coord(ly),
			Anchor: anchor, Rotate: fmt.Sprintf("rotate(%s %s %s)", coord(turn), coord(lx), coord(ly)), Label: node.Label, Color: color, Scope: scope,
			Title: fmt.Sprintf("%s (%s): %s in these conversations", node.Label, scope, valueText(float64(total[i]), "bytes"))}
	}
	for _, e := range g.Edges {
		a, b := pos[e.From], pos[e.To]
		mx, my := (a[0]+b[0])/2, (a[1]+b[1])/2
		qx, qy := mx+(cx-mx)*0.6, my+(cy-my)*0.6
		// end the arrow at the edge of the target's circle
		if dx, dy := b[0]-qx, b[1]-qy; math.Hypot(dx, dy) > 0 {
			d := math.Hypot(dx, dy)
			b = [2]float64{b[0] - dx/d*(radius[e.To]+2), b[1] - dy/d*(radius[e.To]+2)}
		}
		w := 1 + 9*math.Sqrt(float64(e.Bytes)/float64(maxEdge))
		v.Edges = append(v.Edges, edgeView{
			D:     fmt.Sprintf("M%s Q%s %s", point(a[0], a[1]), point(qx, qy), point(b[0], b[1])),
			Width: coord(w),
			Title: fmt.Sprintf("%s → %s: %s bytes (%s), %d flows", g.Nodes[e.From].Label, g.Nodes[e.To].Label,
				exactText(float64(e.Bytes)), valueText(float64(e.Bytes), "bytes"), e.Flows),
		})
	}
	return v
}
