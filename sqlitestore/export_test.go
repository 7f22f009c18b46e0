package sqlitestore

// SetAchievementsOff turns the achievement check of every event off (true)
// or on, for BenchmarkAchievementOverhead only.
func SetAchievementsOff(off bool) { achievementsOff.Store(off) }
