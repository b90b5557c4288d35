package store

// FilesQuery lists the manifest by path: every loaded file, and the files
// skipped for their content with the format "skipped". It is what `flowduck
// files` and the shell's .files show.
const FilesQuery = `SELECT path, coalesce(format, 'skipped') AS format, records, rejects, size, mtime, etag, loaded_at
FROM ` + FilesTable + ` ORDER BY path`

// SkippedFilesQuery lists the files skipped for their content, with the
// reason: what `flowduck files --skipped` shows.
const SkippedFilesQuery = `SELECT path, skipped AS reason, size, mtime, etag, loaded_at AS seen_at
FROM ` + FilesTable + ` WHERE skipped IS NOT NULL ORDER BY path`

// RejectsQuery lists the rejected lines, verbatim, by file and line: what
// `flowduck rejects` and the shell's .rejects show.
const RejectsQuery = `SELECT path, line, reason, text
FROM ` + RejectsTable + ` ORDER BY path, line`
