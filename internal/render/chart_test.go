package render

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flowduck/flowduck/internal/chart"
)

func TestChartCapsRows(t *testing.T) {
	start := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	data := make([][]any, MaxChartRows+5)
	for i := range data {
		data[i] = []any{start.Add(time.Duration(i) * time.Second), int64(i % 100)}
	}
	var out bytes.Buffer
	n, err := Values(context.Background(), &out, []string{"t", "flows"}, data, Options{Format: Chart})
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(len(data)) {
		t.Errorf("Values returned %d rows, want every row counted (%d)", n, len(data))
	}
	want := "(drawn from the first 100000 of 100005 rows; aggregate in SQL or use -o table)\n"
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("chart does not end with %q:\n%s", want, out.String())
	}
}

func TestChartOptions(t *testing.T) {
	ctx := context.Background()
	cols, data := []string{"talker", "bytes"}, [][]any{{"10.0.0.1", int64(3 << 30)}, {"10.0.0.2", int64(512)}}
	var plain, colored, wide bytes.Buffer
	if _, err := Values(ctx, &plain, cols, data, Options{Format: Chart}); err != nil {
		t.Fatal(err)
	}
	if _, err := Values(ctx, &colored, cols, data, Options{Format: Chart, Color: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := Values(ctx, &wide, cols, data, Options{Format: Chart, Width: 120}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b") || !strings.Contains(colored.String(), "\x1b[36m") {
		t.Errorf("Color decides the escapes: plain %q, coloured %q", plain.String(), colored.String())
	}
	if !strings.Contains(plain.String(), "3.0 GiB") || !strings.Contains(plain.String(), "512 B") {
		t.Errorf("values are not in human units:\n%s", plain.String())
	}
	longest := func(s string) (n int) {
		for _, l := range strings.Split(s, "\n") {
			n = max(n, len([]rune(l)))
		}
		return n
	}
	if p, w := longest(plain.String()), longest(wide.String()); p > chart.DefaultWidth || w <= chart.DefaultWidth {
		t.Errorf("widest line %d at the default width, %d at 120", p, w)
	}
}

func TestChartUnchartable(t *testing.T) {
	var out bytes.Buffer
	_, err := Values(context.Background(), &out, []string{"srcaddr", "dstaddr"}, [][]any{{"a", "b"}}, Options{Format: Chart})
	var u *chart.UnchartableError
	if !errors.As(err, &u) || out.Len() != 0 {
		t.Errorf("Values = %v, wrote %q; want an *chart.UnchartableError and nothing written", err, out.String())
	}
}
