package render

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// catalog is the kind of Go-side registry Values renders.
var catalog = struct {
	columns []string
	data    [][]any
}{
	columns: []string{"field", "type", "version", "doc"},
	data: [][]any{
		{"srcaddr", "VARCHAR", 2, "source address"},
		{"packets", "BIGINT", int64(2), nil},
		{"tcp-flags", "INTEGER", uint8(3), "bitmask | of flags"},
	},
}

func TestValues(t *testing.T) {
	tests := []struct {
		format Format
		want   string
	}{
		{format: Table, want: `┌───────────┬─────────┬─────────┬────────────────────┐
│ field     │ type    │ version │ doc                │
├───────────┼─────────┼─────────┼────────────────────┤
│ srcaddr   │ VARCHAR │       2 │ source address     │
│ packets   │ BIGINT  │       2 │ NULL               │
│ tcp-flags │ INTEGER │       3 │ bitmask | of flags │
└───────────┴─────────┴─────────┴────────────────────┘
`},
		{format: CSV, want: "field,type,version,doc\nsrcaddr,VARCHAR,2,source address\npackets,BIGINT,2,\ntcp-flags,INTEGER,3,bitmask | of flags\n"},
		{format: JSON, want: `[{"field":"srcaddr","type":"VARCHAR","version":2,"doc":"source address"},{"field":"packets","type":"BIGINT","version":2,"doc":null},{"field":"tcp-flags","type":"INTEGER","version":3,"doc":"bitmask | of flags"}]` + "\n"},
		{format: Markdown, want: `| field     | type    | version | doc                 |
| --------- | ------- | ------: | ------------------- |
| srcaddr   | VARCHAR |       2 | source address      |
| packets   | BIGINT  |       2 | NULL                |
| tcp-flags | INTEGER |       3 | bitmask \| of flags |
`},
	}
	for _, tc := range tests {
		t.Run(string(tc.format), func(t *testing.T) {
			var out bytes.Buffer
			n, err := Values(context.Background(), &out, catalog.columns, catalog.data, Options{Format: tc.format})
			if err != nil || n != 3 {
				t.Fatalf("Values = %d, %v; want 3, nil", n, err)
			}
			if out.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), tc.want)
			}
		})
	}
}

// TestValuesGoTypes checks the Go types a registry may hold encode like the
// DuckDB values they stand for.
func TestValuesGoTypes(t *testing.T) {
	huge, _ := new(big.Int).SetString("170141183460469231731687303715884105727", 10)
	row := []any{
		huge,
		duckdb.Decimal{Width: 18, Scale: 3, Value: big.NewInt(-1500)},
		float32(0.25),
		time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
		90 * time.Minute,
		[]any{"a", nil, 3},
		map[string]any{"b": 2, "a": 1},
		[]byte{0xde, 0xad},
	}
	cols := []string{"huge", "dec", "f", "ts", "dur", "list", "obj", "raw"}
	tests := []struct {
		format Format
		want   string
	}{
		{format: JSONL, want: `{"huge":170141183460469231731687303715884105727,"dec":-1.500,"f":0.25,"ts":"2026-03-01T13:00:00+01:00","dur":"01:30:00","list":["a",null,3],"obj":{"a":1,"b":2},"raw":"3q0="}` + "\n"},
		{format: CSV, want: "huge,dec,f,ts,dur,list,obj,raw\n170141183460469231731687303715884105727,-1.500,0.25,2026-03-01 13:00:00+01,01:30:00,\"[a, NULL, 3]\",\"{'a': 1, 'b': 2}\",\\xDE\\xAD\n"},
	}
	loc := paris(t)
	for _, tc := range tests {
		t.Run(string(tc.format), func(t *testing.T) {
			var out bytes.Buffer
			if _, err := Values(context.Background(), &out, cols, [][]any{row}, Options{Format: tc.format, Location: loc}); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), tc.want)
			}
		})
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

var errClosedPipe = errors.New("closed pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosedPipe }

func TestErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("unknown format", func(t *testing.T) {
		_, err := Values(ctx, &bytes.Buffer{}, []string{"a"}, nil, Options{Format: "yaml"})
		var unknown *UnknownFormatError
		if !errors.As(err, &unknown) {
			t.Errorf("err = %v, want *UnknownFormatError", err)
		}
	})
	t.Run("short row", func(t *testing.T) {
		_, err := Values(ctx, &bytes.Buffer{}, []string{"a", "b"}, [][]any{{1, 2}, {3}}, Options{Format: CSV})
		if err == nil || !strings.Contains(err.Error(), "row 2") {
			t.Errorf("err = %v, want one naming row 2", err)
		}
	})
	for _, f := range Formats {
		t.Run("write error "+string(f.Name), func(t *testing.T) {
			data := make([][]any, 20_000) // more than the output buffer holds
			for i := range data {
				data[i] = []any{"some text to fill the buffer", i} // a label and a number: chartable
			}
			_, err := Values(ctx, failingWriter{}, []string{"s", "n"}, data, Options{Format: f.Name})
			if !errors.Is(err, errClosedPipe) {
				t.Errorf("err = %v, want the writer's error", err)
			}
		})
	}
	t.Run("nil rows", func(t *testing.T) {
		if _, err := Rows(ctx, &bytes.Buffer{}, nil, Options{}); err == nil {
			t.Error("Rows(nil) succeeded")
		}
	})
}
