package detect

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/netip"
	"os"
	"slices"
	"strings"

	"github.com/flowduck/flowduck/queries"
)

// An indicator file lists addresses and networks, IPv4 or IPv6, in one of
// two forms:
//
//   - one IP or CIDR per line; blank lines and "#" comments (whole lines or
//     after the value) are ignored;
//   - CSV with a header line naming an "ip" or "indicator" column and,
//     optionally, a "label" column (other columns are ignored).
//
// A file is CSV when its first line that is not blank or a comment has a
// comma or is a lone column name (ip, indicator).

// Indicator is one entry of an indicator file.
type Indicator struct {
	Text   string       // as written in the file
	Label  string       // the CSV label column, or ""
	Prefix netip.Prefix // the network (an address is a /32 or /128)
	Line   int          // 1-based line in the file
}

// ReadIOC reads the indicator file at path. A bad entry is an error naming
// the file and line; a file with no indicator is an error too.
func ReadIOC(path string) ([]Indicator, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ioc: %w", err)
	}
	defer f.Close()
	inds, err := parseIOC(f, path)
	if err != nil {
		return nil, err
	}
	if len(inds) == 0 {
		return nil, fmt.Errorf("ioc %s: no indicator in the file (one IP or CIDR per line, or CSV with an ip or indicator column)", path)
	}
	return inds, nil
}

// parseIOC reads an indicator file from r; name is for messages.
func parseIOC(r io.Reader, name string) ([]Indicator, error) {
	br := bufio.NewReader(r)
	var head []string // the lines before the first entry
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			head = append(head, line)
			if v := stripComment(line); v != "" {
				rest := io.MultiReader(strings.NewReader(strings.Join(head, "")), br)
				if lone := strings.ToLower(v); strings.Contains(v, ",") || lone == "ip" || lone == "indicator" {
					return parseIOCCSV(rest, name)
				}
				return parseIOCLines(rest, name)
			}
		}
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ioc %s: %w", name, err)
		}
	}
}

// stripComment returns line without a "#" comment and surrounding space.
func stripComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}

// parseIOCLines reads the one-per-line form.
func parseIOCLines(r io.Reader, name string) ([]Indicator, error) {
	sc := bufio.NewScanner(r)
	var out []Indicator
	for n := 1; sc.Scan(); n++ {
		v := stripComment(sc.Text())
		if v == "" {
			continue
		}
		ind, err := indicator(v, "", name, n)
		if err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ioc %s: %w", name, err)
	}
	return out, nil
}

// parseIOCCSV reads the CSV form.
func parseIOCCSV(r io.Reader, name string) ([]Indicator, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("ioc %s: %w", name, err)
	}
	col, label := -1, -1
	for i, h := range header {
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "ip", "indicator":
			if col < 0 {
				col = i
			}
		case "label":
			label = i
		}
	}
	if col < 0 {
		line, _ := cr.FieldPos(0)
		return nil, fmt.Errorf("ioc %s:%d: a CSV indicator file needs an ip or indicator column; the header has %s",
			name, line, strings.Join(header, ", "))
	}
	var out []Indicator
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("ioc %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if col >= len(rec) || strings.TrimSpace(rec[col]) == "" {
			return nil, fmt.Errorf("ioc %s:%d: no value in the %s column", name, line, header[col])
		}
		lbl := ""
		if label >= 0 && label < len(rec) {
			lbl = strings.TrimSpace(rec[label])
		}
		ind, err := indicator(strings.TrimSpace(rec[col]), lbl, name, line)
		if err != nil {
			return nil, err
		}
		out = append(out, ind)
	}
}

// indicator parses one IP or CIDR.
func indicator(v, label, name string, line int) (Indicator, error) {
	var p netip.Prefix
	var err error
	if strings.Contains(v, "/") {
		p, err = netip.ParsePrefix(v)
		p = p.Masked()
	} else {
		var a netip.Addr
		a, err = netip.ParseAddr(v)
		if err == nil && a.Zone() != "" {
			err = fmt.Errorf("zone")
		}
		a = a.Unmap()
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if err != nil {
		return Indicator{}, fmt.Errorf("ioc %s:%d: %q is not an IP address or CIDR (10.0.0.5, 203.0.113.0/24, 2001:db8::/32)", name, line, v)
	}
	return Indicator{Text: v, Label: label, Prefix: p, Line: line}, nil
}

// bounds returns the first and last address of p as decimal keys, as the
// dialect's athena_ip_key keys addresses: 128 bits, IPv4 mapped into
// ::ffff:0:0/96.
func bounds(p netip.Prefix) (lo, hi string) {
	a := p.Addr()
	bits := p.Bits()
	if a.Is4() {
		a = netip.AddrFrom16(a.As16())
		bits += 96
	}
	b := a.As16()
	n := new(big.Int).SetBytes(b[:])
	span := new(big.Int).Lsh(big.NewInt(1), uint(128-bits))
	last := new(big.Int).Add(n, span)
	last.Sub(last, big.NewInt(1))
	return n.String(), last.String()
}

// LoadIOC reads the indicator file at path into the temporary table the
// ioc-match detection reads (queries.IOCTable). DropIOC removes it.
func LoadIOC(ctx context.Context, conn *sql.Conn, path string) error {
	inds, err := ReadIOC(path)
	if err != nil {
		return err
	}
	return loadIndicators(ctx, conn, inds)
}

// loadIndicators creates the indicator table and inserts inds, in batches.
func loadIndicators(ctx context.Context, conn *sql.Conn, inds []Indicator) error {
	_, err := conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+queries.IOCTable+
		" (indicator VARCHAR, label VARCHAR, lo UHUGEINT, hi UHUGEINT)")
	if err != nil {
		return fmt.Errorf("ioc: create the indicator table: %w", err)
	}
	for batch := range slices.Chunk(inds, 500) {
		values := make([]string, len(batch))
		args := make([]any, 0, 4*len(batch))
		for i, ind := range batch {
			lo, hi := bounds(ind.Prefix)
			values[i] = "(?, ?, CAST(? AS UHUGEINT), CAST(? AS UHUGEINT))"
			args = append(args, ind.Text, ind.Label, lo, hi)
		}
		stmt := "INSERT INTO temp." + queries.IOCTable + " VALUES " + strings.Join(values, ", ")
		if _, err := conn.ExecContext(ctx, stmt, args...); err != nil {
			return errors.Join(fmt.Errorf("ioc: load the indicators: %w", err), DropIOC(ctx, conn))
		}
	}
	return nil
}

// DropIOC drops the indicator table, even when ctx is cancelled.
func DropIOC(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS temp."+queries.IOCTable); err != nil {
		return fmt.Errorf("ioc: drop the indicator table: %w", err)
	}
	return nil
}
