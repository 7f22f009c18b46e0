package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/sqlitestore"
)

// `animalgenius check` verifies that every balance equals its ledger sum.
func TestCheckFindsLedgerMismatch(t *testing.T) {
	app := apptest.Start(t, nil)
	app.CreateAccount("it@school.test", "admin") // a box without an admin is a check problem of its own
	teacher, tc := app.Teacher("ms.hill@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya", "Leo")
	app.Run([]apptest.Scenario{{Name: "give", Method: "POST", Path: fmt.Sprintf("/api/v1/classes/%d/coins", class),
		Body: `{"all":true,"amount":40,"action":"give"}`, Header: apptest.Key("give"), Client: tc, WantStatus: 200}})
	dir := app.Dir
	app.Stop()

	if code, out := apptest.RunBin(t, nil, "check", "--data", dir); code != 0 || !strings.Contains(out, "ok: database is consistent") {
		t.Fatalf("check of a good database: %d %s", code, out)
	}
	s, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	err = s.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE students SET coins = 999 WHERE id = ?`, kids[1])
		return err
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out := apptest.RunBin(t, nil, "check", "--data", dir)
	if code != 1 || !strings.Contains(out, fmt.Sprintf("student %d has 999 coins but the ledger adds up to 40", kids[1])) {
		t.Fatalf("check of a tampered balance: %d %s", code, out)
	}
}
