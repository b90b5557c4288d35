package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/flowduck/flowduck/loader"
)

// checkOptions configure `flowduck check`.
type checkOptions struct {
	g      *globalOptions
	repair bool
}

// errInconsistent is the error of a check that leaves a mismatch unrepaired.
var errInconsistent = errors.New("the database is inconsistent: run 'flowduck check --repair' (or any 'flowduck load', which repairs first)")

// errAddressClaim is the error of a check that finds the manifest's address
// claim broken and leaves it.
var errAddressClaim = errors.New("the manifest's claim that every address is canonical does not hold: run 'flowduck check --repair'")

func newCheckCmd(g *globalOptions) *cobra.Command {
	o := &checkOptions{g: g}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Verify that every record belongs to a file of the manifest and the counts agree",
		Long: `Verify the database invariant: every row of the records and rejects tables belongs
to a file of the manifest, and each manifest entry's record and reject counts are the
rows it has. A load that was killed during its commit can break it; every load checks
and repairs it first. With --repair, rows of files missing from the manifest are deleted,
and files whose counts disagree are removed so the next load loads them again.
It also tests the manifest's claim that every address text is canonical (each load
checks its own; network predicates such as contains('10.0.0.0/16', ...) rely on it);
--repair withdraws a claim that no longer holds. Exit status 1 when a mismatch remains.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runCheck(cmd.Context(), o)
		},
	}
	cmd.Flags().BoolVar(&o.repair, "repair", false, "fix the mismatches found")
	return cmd
}

// runCheck prints the report on stdout, repairing first with --repair.
func runCheck(ctx context.Context, o *checkOptions) error {
	s, err := o.g.openPlain(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := loader.Check(ctx, s.Conn)
	if err != nil {
		return err
	}
	out := o.g.streams.Out
	fmt.Fprintln(out, rep)
	if err := checkAddresses(ctx, o, s.Conn); err != nil {
		return err
	}
	if rep.OK() {
		return nil
	}
	if !o.repair {
		return errInconsistent
	}
	if err := loader.Repair(ctx, s.Conn, rep); err != nil {
		return err
	}
	fmt.Fprintf(out, "repaired: %s\n", rep.Summary())
	after, err := loader.Check(ctx, s.Conn)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, after)
	if !after.OK() {
		return errInconsistent
	}
	return nil
}

// checkAddresses prints whether the manifest's claim that every address is
// canonical holds, and withdraws a claim that does not with --repair.
func checkAddresses(ctx context.Context, o *checkOptions, conn *sql.Conn) error {
	claim, err := loader.CheckAddresses(ctx, conn)
	if err != nil {
		return err
	}
	out := o.g.streams.Out
	fmt.Fprintln(out, claim)
	if claim.OK() {
		return nil
	}
	if !o.repair {
		return errAddressClaim
	}
	if err := loader.DropAddressClaim(ctx, conn); err != nil {
		return err
	}
	fmt.Fprintln(out, "repaired: the address claim is withdrawn")
	return nil
}
