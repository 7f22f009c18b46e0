package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app"
	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/economy"
	"animalgenius/sqlitestore/storetest"
)

// benchServer starts the real appliance for a benchmark and returns its
// URL, the appliance and a class of n students (made in the 0003 tables)
// with the store open and coins each.
func benchApp(b *testing.B, n, coins int) (string, *app.App, []int64) {
	b.Helper()
	base, a := apptest.StartBench(b)

	bg := context.Background()
	teacher, _, err := a.Accounts().CreateAccount(bg, accounts.CLIActor, "bench@school.test", "Bench", "", accounts.RoleTeacher, "purple hedgehog reads maps")
	if err != nil {
		b.Fatal(err)
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("Kid%d", i)
	}
	class, ids := storetest.FixtureClass(b, a.Store(), teacher.ID, "otter", names...)
	if err := a.Economy().SetStoreOpen(bg, class, true); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Economy().Give(bg, economy.Actor{Kind: "account", ID: teacher.ID}, economy.GiveInput{ClassID: class, All: true, Amount: coins, Key: "bench-give-coins-0001"}); err != nil {
		b.Fatal(err)
	}
	return base, a, ids
}

func benchStudentClient(b *testing.B, a *app.App, base string, id int64) *http.Client {
	b.Helper()
	tok, err := a.Accounts().CreateStudentSession(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(base)
	jar.SetCookies(u, []*http.Cookie{{Name: "ag_student", Value: tok}, {Name: "ag_csrf", Value: "benchbenchbenchbenchbenchbenchbenchbenchben"}})
	return &http.Client{Jar: jar, Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
}

// BenchmarkStudentDashboard compares the cached student dashboard with
// /healthz on the same server in the same run, over real HTTP with
// keep-alive connections. The issue asks for the dashboard at 40% or more
// of the /healthz rate.
func BenchmarkStudentDashboard(b *testing.B) {
	base, a, ids := benchApp(b, 1, 50)
	student := benchStudentClient(b, a, base, ids[0])
	for _, tt := range []struct{ name, path string }{{"healthz", "/healthz"}, {"dashboard", "/api/v1/student/economy"}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetParallelism(4)
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := student.Get(base + tt.path)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 200 {
						b.Errorf("%s: %d", tt.path, resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// BenchmarkPurchaseHTTP measures purchases over real HTTP across 200
// students (each buys items it does not own yet), synchronous=FULL.
func BenchmarkPurchaseHTTP(b *testing.B) {
	const students = 200
	perStudent := b.N/students + 1
	base, a, ids := benchApp(b, students, perStudent)
	bg := context.Background()
	items := make([]int64, perStudent)
	exists := func(string) bool { return true }
	for i := range items {
		it, err := a.Economy().CreateItem(bg, economy.ItemInput{Name: fmt.Sprintf("Bench %d", i), Slot: economy.SlotHat, Rarity: economy.Common, Price: 1, Image: "/art/items/hat-top.svg", Active: true}, exists)
		if err != nil {
			b.Fatal(err)
		}
		items[i] = it.ID
	}
	clients := make([]*http.Client, students)
	for i, id := range ids {
		clients[i] = benchStudentClient(b, a, base, id)
	}
	var n atomic.Int64
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1) - 1
			req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/student/store/purchases", strings.NewReader(fmt.Sprintf(`{"itemId":%d}`, items[i/students])))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-CSRF-Token", "benchbenchbenchbenchbenchbenchbenchbenchben")
			req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-purchase-%012d", i))
			resp, err := clients[i%students].Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b.Errorf("purchase %d: %d", i, resp.StatusCode)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "purchases/s")
}
