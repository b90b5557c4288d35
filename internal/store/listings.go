package store

// FilesQuery lists the manifest of loaded files, by path: what `flowduck
// files` and the shell's .files show.
const FilesQuery = `SELECT path, format, records, rejects, size, mtime, etag, loaded_at
FROM ` + FilesTable + ` ORDER BY path`

// RejectsQuery lists the rejected lines, verbatim, by file and line: what
// `flowduck rejects` and the shell's .rejects show.
const RejectsQuery = `SELECT path, line, reason, text
FROM ` + RejectsTable + ` ORDER BY path, line`
