package repl

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"

	"github.com/flowduck/flowduck/internal/dialect"
	"github.com/flowduck/flowduck/internal/render"
)

// params are the shell's parameters, set by .param set and bound to the
// $NAME placeholders of every statement, as in DuckDB's and sqlite3's
// shells. Values are kept as typed; binding gives them their SQL type.
type params map[string]string

// paramName matches a parameter name: a SQL identifier.
var paramName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// paramUsage is the synopsis of .param.
const paramUsage = "usage: .param set NAME VALUE | .param list | .param clear [NAME]"

// cmdParam sets, lists or clears parameters.
func (s *shell) cmdParam(ctx context.Context, args []string) error {
	switch sub := strings.ToLower(args[0]); {
	case sub == "set" && len(args) == 3:
		name := strings.TrimPrefix(args[1], "$")
		if !paramName.MatchString(name) {
			return fmt.Errorf("param: %q is not a parameter name (letters, digits and _, not starting with a digit)", args[1])
		}
		if s.params == nil {
			s.params = params{}
		}
		s.params[name] = args[2]
		return nil
	case sub == "list" && len(args) == 1:
		return s.listParams(ctx)
	case sub == "clear" && len(args) <= 2:
		if len(args) == 1 {
			s.params = nil
			return nil
		}
		name := strings.TrimPrefix(args[1], "$")
		if _, ok := s.params[name]; !ok {
			return fmt.Errorf("param: parameter $%s is not set", name)
		}
		delete(s.params, name)
		return nil
	}
	return errors.New(paramUsage)
}

// listParams writes the parameters, by name, as a result.
func (s *shell) listParams(ctx context.Context) error {
	names := s.params.names()
	data := make([][]any, len(names))
	for i, n := range names {
		data[i] = []any{"$" + n, s.params[n]}
	}
	w, opts := s.dest()
	_, err := render.Values(ctx, w, []string{"name", "value"}, data, opts)
	return errors.Join(err, s.resultDone())
}

// names returns the names of the parameters that are set, sorted.
func (p params) names() []string {
	names := make([]string, 0, len(p))
	for n := range p {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// bind returns the arguments that bind the parameters query reads, asking
// DuckDB which placeholders the prepared statement has and of which type.
// A query without '$' or '?' is not prepared; one that does not prepare
// binds nothing (running it reports the error).
func (p params) bind(ctx context.Context, conn *sql.Conn, query string) ([]any, error) {
	if !strings.ContainsAny(query, "$?") {
		return nil, nil
	}
	var args []any
	err := dialect.Prepared(ctx, conn, query, func(st *duckdb.Stmt) error {
		for i := 1; i <= st.NumInput(); i++ {
			name, err := st.ParamName(i)
			if err != nil {
				return err
			}
			if name == "" || name[0] >= '0' && name[0] <= '9' {
				return fmt.Errorf("positional parameter $%d: the shell binds named parameters only; write $NAME and use .param set NAME VALUE", i)
			}
			value, ok := p.lookup(name)
			if !ok {
				return fmt.Errorf("parameter $%s is not set; use .param set %s VALUE", name, name)
			}
			typ, err := st.ParamType(i)
			if err != nil {
				return err
			}
			args = append(args, sql.Named(name, paramValue(value, typ)))
		}
		return nil
	})
	return args, err
}

// lookup returns the value of parameter name, matched exactly or else
// regardless of case.
func (p params) lookup(name string) (string, bool) {
	if v, ok := p[name]; ok {
		return v, true
	}
	for n, v := range p {
		if strings.EqualFold(n, name) {
			return v, true
		}
	}
	return "", false
}

// paramValue is the value to bind for text v to a placeholder DuckDB typed
// typ: text where DuckDB expects text (account_id = $acct keeps '012' as
// written) or a type that is not a number (a date, a timestamp: DuckDB
// casts the text); a number where v is one and DuckDB expects a number or
// cannot tell (dstport = $port, LIMIT $n, SELECT $x + 1); text otherwise.
func paramValue(v string, typ duckdb.Type) any {
	if !numericParam(typ) {
		return v
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil && !strings.ContainsAny(v, "xXnN") {
		return f
	}
	return v
}

// numericParam reports whether a placeholder of type typ may take a number:
// it is a numeric type, or DuckDB could not infer one.
func numericParam(typ duckdb.Type) bool {
	switch typ {
	case duckdb.TYPE_INVALID, duckdb.TYPE_ANY,
		duckdb.TYPE_TINYINT, duckdb.TYPE_SMALLINT, duckdb.TYPE_INTEGER, duckdb.TYPE_BIGINT, duckdb.TYPE_HUGEINT,
		duckdb.TYPE_UTINYINT, duckdb.TYPE_USMALLINT, duckdb.TYPE_UINTEGER, duckdb.TYPE_UBIGINT, duckdb.TYPE_UHUGEINT,
		duckdb.TYPE_FLOAT, duckdb.TYPE_DOUBLE, duckdb.TYPE_DECIMAL:
		return true
	}
	return false
}

// completeParam completes .param's subcommand and the names of the
// parameters set.
func completeParam(_ context.Context, s *shell, i int, prior []string, _ string) []string {
	switch {
	case i == 0:
		return []string{"set", "list", "clear"}
	case i == 1 && (prior[0] == "set" || prior[0] == "clear"):
		return s.params.names()
	}
	return nil
}
