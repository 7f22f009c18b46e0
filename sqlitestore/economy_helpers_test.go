package sqlitestore_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// seedClass makes a class with n students holding coins each and returns
// the class id and the student ids.
func seedClass(t testing.TB, s *sqlitestore.Store, n, coins int) (int64, []int64) {
	t.Helper()
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Kid%d", i)
	}
	classID, ids := storetest.FixtureClass(t, s, storetest.FixtureTeacher(t, s), "owl", names...)
	if coins > 0 {
		if _, err := s.Grant(context.Background(), economy.GrantRequest{ClassID: classID, All: true, Amount: coins, Type: economy.TypeWelcomeBonus,
			Reason: "Welcome", Request: economy.Request{Actor: economy.Actor{Kind: "system"}}}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return classID, ids
}
