package sqlitestore_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
)

// purchaseFixture is an open store, a class of n students and perStudent
// items of price 1 (codes prefix-0, prefix-1...), each student holding
// perStudent coins: every student can buy every item once.
func purchaseFixture(b *testing.B, s *sqlitestore.Store, n, perStudent int, prefix string) (ids, items []int64) {
	b.Helper()
	ctx := context.Background()
	class, ids := seedClass(b, s, n, 0)
	if err := s.SetStoreOpen(ctx, class, true, t0); err != nil {
		b.Fatal(err)
	}
	items = make([]int64, perStudent)
	for i := range items {
		it, err := s.CreateItem(ctx, economy.Item{Code: fmt.Sprintf("%s-%d", prefix, i), Name: "Bench hat", Slot: economy.SlotHat, Rarity: economy.Common, Price: 1, Image: "/art/items/hat-top.svg", Active: true}, t0)
		if err != nil {
			b.Fatal(err)
		}
		items[i] = it.ID
	}
	if _, err := s.Grant(ctx, economy.GrantRequest{ClassID: class, All: true, Amount: perStudent, Type: economy.TypeTeacherGift, Request: economy.Request{Actor: economy.Actor{Kind: "system"}}}, t0); err != nil {
		b.Fatal(err)
	}
	return ids, items
}

// BenchmarkPurchase measures atomic purchases (open store, active item,
// not owned, balance; debit + ledger row + inventory row + idempotency
// key, one IMMEDIATE transaction) across 200 students, with several
// goroutines buying at once, on synchronous=FULL.
func BenchmarkPurchase(b *testing.B) {
	s := newEconomyStore(b)
	ctx := context.Background()
	const students = 200
	ids, items := purchaseFixture(b, s, students, b.N/students+1, "bench")
	var n atomic.Int64
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1) - 1
			kid := ids[i%students]
			item := items[i/students]
			_, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, fmt.Sprintf("bench-key-%012d", i)), StudentID: kid, ItemID: item}, t0)
			if err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "purchases/s")
}
