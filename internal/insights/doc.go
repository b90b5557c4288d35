// Package insights compiles CloudWatch Logs Insights queries into one DuckDB
// statement over the loaded flow logs: a lexer (lexer.go) turns the text
// into tokens, a parser (parser.go) builds a syntax tree (ast.go), and the
// compiler (compile.go, expr.go, functions.go) turns the tree into SQL. No
// text of the query is ever pasted into the SQL: names are resolved against
// the flow-log fields (fields.go) and values become quoted literals.
package insights
