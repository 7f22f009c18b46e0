package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"animalgenius/app"
)

// checkReport is check's --json output.
type checkReport struct {
	OK       bool     `json:"ok"`
	Schema   uint     `json:"schema"`
	Problems []string `json:"problems"`
	// Problem says why the database could not be checked at all (a newer
	// or half-migrated schema, pending migrations).
	Problem string `json:"problem,omitempty"`
}

func newCheckCmd(g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the database: SQLite integrity, foreign keys and the product's own rules",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			// A database that cannot be checked is said in the JSON too, so a
			// script reading stdout gets an answer (exit status 1 as well).
			refuse := func(schema uint, err error) error {
				if asJSON {
					if werr := writeJSON(cmd.OutOrStdout(), checkReport{Schema: schema, Problems: []string{}, Problem: err.Error()}); werr != nil {
						return werr
					}
				}
				return exitError{1, err}
			}
			s, st, err := app.OpenExistingStore(cfg)
			if err != nil {
				return refuse(st.Current, err)
			}
			defer s.Close()
			if st.Pending > 0 {
				return refuse(st.Current, fmt.Errorf("the schema is at version %d of %d: run 'animalgenius migrate up' (or start the server, which backs up and migrates) before checking", st.Current, st.Latest))
			}
			problems, err := s.Check(context.Background())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				report := checkReport{OK: len(problems) == 0, Schema: st.Current, Problems: []string{}}
				for _, p := range problems {
					report.Problems = append(report.Problems, fmt.Sprint(p))
				}
				if err := writeJSON(out, report); err != nil {
					return err
				}
			} else {
				for _, p := range problems {
					fmt.Fprintln(out, "problem:", p)
				}
			}
			if len(problems) > 0 {
				return exitError{1, fmt.Errorf("%d problems found", len(problems))}
			}
			if !asJSON {
				fmt.Fprintf(out, "ok: database is consistent (schema %d)\n", st.Current)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON ({\"ok\", \"schema\", \"problems\"}); the exit status is the same")
	return cmd
}

func newHealthcheckCmd(g *globalFlags) *cobra.Command {
	var url string
	cmd := &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 when the local server answers /readyz (for Docker HEALTHCHECK)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if url == "" {
				cfg, err := g.loadConfig()
				if err != nil {
					return err
				}
				host, port, _ := net.SplitHostPort(cfg.Server.Addr)
				if host == "" || host == "0.0.0.0" || host == "::" {
					host = "127.0.0.1"
				}
				url = "http://" + net.JoinHostPort(host, port) + "/readyz"
			}
			client := &http.Client{Timeout: 3 * time.Second}
			resp, err := client.Get(url)
			if err != nil {
				return exitError{1, fmt.Errorf("not healthy: %v", err)}
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return exitError{1, fmt.Errorf("not ready: %s answered %s", url, resp.Status)}
			}
			fmt.Fprintln(cmd.OutOrStdout(), "ok")
			return nil
		},
	}
	cmd.Flags().StringVar(&url, "url", "", "readiness URL to ask (default: from server.addr)")
	return cmd
}
