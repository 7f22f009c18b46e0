package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"animalgenius/app"
	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

func newAdminCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin",
		Short: "Manage teacher and admin accounts from the shell (create, reset-password, list)",
		Long: "Manage accounts from the box's shell. These commands work while the server runs;\n" +
			"sessions they end stop working on the running server within 30 seconds.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{errors.New("admin needs a command: create, reset-password or list")}
		},
	}
	cmd.AddCommand(newAdminCreateCmd(g), newAdminResetCmd(g), newAdminListCmd(g))
	return cmd
}

// openAccounts loads the configuration and opens the accounts service for a command.
// With create (admin create) a new database is made where there is none.
func (g *globalFlags) openAccounts(create bool) (config.Config, *sqlitestore.Store, *accounts.Service, error) {
	cfg, err := g.loadConfig()
	if err != nil {
		return cfg, nil, nil, err
	}
	st, svc, err := app.OpenAccounts(cfg, newLogger(cfg), create)
	return cfg, st, svc, err
}

// readPassword asks twice on a terminal (without echo), or reads one line
// from standard input with --password-stdin.
func readPassword(cmd *cobra.Command, fromStdin bool) (string, error) {
	in := cmd.InOrStdin()
	if fromStdin {
		line, err := bufio.NewReader(io.LimitReader(in, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		pw := strings.TrimRight(line, "\r\n")
		if pw == "" {
			return "", usageError{errors.New("--password-stdin read no password from standard input")}
		}
		return pw, nil
	}
	f, ok := in.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", usageError{errors.New("no terminal to ask for the password on: pipe it in with --password-stdin")}
	}
	errOut := cmd.ErrOrStderr()
	for {
		fmt.Fprint(errOut, "New password (10 or more characters): ")
		first, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(errOut)
		if err != nil {
			return "", err
		}
		if p := accounts.CheckPassword(string(first), ""); p != "" {
			fmt.Fprintln(errOut, p)
			continue
		}
		fmt.Fprint(errOut, "Type it again: ")
		second, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(errOut)
		if err != nil {
			return "", err
		}
		if string(first) == string(second) {
			return string(first), nil
		}
		fmt.Fprintln(errOut, "The two passwords are different. Let's try again.")
	}
}

// explain turns the service's field errors into one line for the shell.
func explain(err error) error {
	var fe accounts.FieldErrors
	if errors.As(err, &fe) {
		msgs := make([]string, 0, len(fe))
		for field, m := range fe {
			msgs = append(msgs, field+": "+m)
		}
		sort.Strings(msgs) // the same order every time
		return exitError{1, errors.New(strings.Join(msgs, "; "))}
	}
	if errors.Is(err, accounts.ErrNotFound) {
		return exitError{1, errors.New("no account has that email (see 'animalgenius admin list')")}
	}
	return err
}

func newAdminCreateCmd(g *globalFlags) *cobra.Command {
	var email, name, school string
	var fromStdin, teacher bool
	cmd := &cobra.Command{
		Use:   "create --email EMAIL [--name NAME] [--school SCHOOL] [--password-stdin]",
		Short: "Create an admin account (asks for the password on the terminal)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" {
				return usageError{errors.New("admin create needs --email")}
			}
			e, problem := accounts.NormalizeEmail(email)
			if problem != "" {
				return exitError{1, errors.New("--email: " + problem)}
			}
			if name == "" {
				name, _, _ = strings.Cut(e, "@")
			}
			_, st, svc, err := g.openAccounts(true)
			if err != nil {
				return err
			}
			defer st.Close()
			pw, err := readPassword(cmd, fromStdin)
			if err != nil {
				return err
			}
			role := accounts.RoleAdmin
			if teacher {
				role = accounts.RoleTeacher
			}
			acct, _, err := svc.CreateAccount(context.Background(), accounts.CLIActor, e, name, school, role, pw)
			if err != nil {
				return explain(err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "created %s %s (%s); log in at /teacher/login\n", acct.Role, acct.Email, acct.DisplayName)
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "email address (the login name)")
	cmd.Flags().StringVar(&name, "name", "", "display name (default: the part of the email before @)")
	cmd.Flags().StringVar(&school, "school", "", "school name")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")
	cmd.Flags().BoolVar(&teacher, "teacher", false, "create a teacher instead of an admin")
	return cmd
}

func newAdminResetCmd(g *globalFlags) *cobra.Command {
	var email string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "reset-password --email EMAIL [--password-stdin]",
		Short: "Print a one-time link to choose a new password (or set it with --password-stdin)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if email == "" {
				return usageError{errors.New("admin reset-password needs --email")}
			}
			cfg, st, svc, err := g.openAccounts(false)
			if err != nil {
				return err
			}
			defer st.Close()
			ctx := context.Background()
			acct, err := svc.AccountByEmail(ctx, email)
			if err != nil {
				return explain(err)
			}
			out := cmd.OutOrStdout()
			if !fromStdin {
				link, err := svc.CreateResetLink(ctx, accounts.CLIActor, acct.ID)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "One-time link for %s (works once, until %s):\n%s%s\n",
					acct.Email, link.ExpiresAt.Local().Format("2006-01-02 15:04"), app.PublicBaseURL(cfg, nil), link.Path)
				if acct.Disabled {
					fmt.Fprintln(out, "Note: this account is disabled; an admin must enable it before it can log in.")
				}
				return nil
			}
			pw, err := readPassword(cmd, true)
			if err != nil {
				return err
			}
			if err := svc.SetPassword(ctx, accounts.CLIActor, acct.ID, pw); err != nil {
				return explain(err)
			}
			fmt.Fprintf(out, "password set for %s; every session of the account has ended\n", acct.Email)
			return nil
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "email address of the account")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "set this password (first line of standard input) instead of printing a link")
	return cmd
}

// accountRow is one line of admin list --json.
type accountRow struct {
	Email     string `json:"email"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	Status    string `json:"status"` // active, disabled, no password yet
	LastLogin string `json:"lastLogin,omitempty"`
}

func newAdminListCmd(g *globalFlags) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List teacher and admin accounts",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, st, svc, err := g.openAccounts(false)
			if err != nil {
				// A script reading the JSON gets the reason there too.
				if asJSON {
					if werr := writeJSON(cmd.OutOrStdout(), struct {
						Problem string `json:"problem"`
					}{err.Error()}); werr != nil {
						return werr
					}
				}
				return exitError{1, err}
			}
			defer st.Close()
			list, err := svc.Accounts(context.Background())
			if err != nil {
				return err
			}
			rows := make([]accountRow, 0, len(list))
			for _, a := range list {
				r := accountRow{Email: a.Email, Name: a.DisplayName, Role: a.Role, Status: "active"}
				if a.Disabled {
					r.Status = "disabled"
				} else if !a.HasPassword {
					r.Status = "no password yet"
				}
				if !a.LastLoginAt.IsZero() {
					r.LastLogin = a.LastLoginAt.UTC().Format(time.RFC3339)
				}
				rows = append(rows, r)
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), rows)
			}
			if len(list) == 0 {
				fmt.Fprintln(cmd.OutOrStdout(), "no accounts yet: create the first admin with 'animalgenius admin create --email you@school.org'")
				return nil
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tSTATUS\tLAST LOGIN")
			for i, r := range rows {
				last := "never"
				if !list[i].LastLoginAt.IsZero() {
					last = list[i].LastLoginAt.Local().Format("2006-01-02 15:04")
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Email, r.Name, r.Role, r.Status, last)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the accounts as a JSON array")
	return cmd
}
