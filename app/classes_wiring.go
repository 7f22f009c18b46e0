package app

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"animalgenius/app/classes"
	"animalgenius/app/economy"
	"animalgenius/app/insight"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
)

// newClasses builds the classes and students services: deleting an
// account hands over or deletes its classes, the class lists follow every
// change to a class's students and to its teacher's name, passport and join-code
// guesses are budgeted from auth.passport_addr_failures, and every quiz
// submission is counted for /metrics.
func (a *App) newClasses() (*classes.Service, *students.Service) {
	a.store.Estate = sqlitestore.ClassEstate()
	submitted := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "animalgenius_quizzes_submitted_total",
		Help: "Quizzes scored and stored, by kind (first quiz or retake).",
	}, []string{"kind"})
	a.registry.MustRegister(submitted)
	first, retake := submitted.WithLabelValues("first"), submitted.WithLabelValues("retake")
	cls := classes.New(a.store)
	// The class lists count each class's students: every change to a
	// class's students drops them too.
	studentsChanged := func(classID int64) {
		a.insight.OnStudentsChanged(classID)
		cls.StudentsChanged(classID)
	}
	budget := a.cfg.Auth.PassportAddrFailures
	joinOpts := students.DefaultGuardOptions(budget)
	joinOpts.PrefixFailures, joinOpts.GlobalFailures = 0, 0 // class codes have no prefix; a box-wide cap would let one school lock out another
	svc := students.New(a.store, a.accounts, students.Options{
		Bank:              quiz.DefaultBank(),
		PassportGuard:     students.NewPassportGuard(students.DefaultPassportGuardOptions(budget, a.cfg.Auth.PassportBoxRate), nil),
		JoinGuard:         students.NewGuard(joinOpts, nil),
		OnStudentsChanged: studentsChanged,
		// A pupil past the name check shows on the board and roster as
		// working on the quiz (not in the class lists).
		OnPending: a.insight.OnStudentsChanged,
		OnJoined: func(st students.Student) {
			a.insight.OnJoined(st.ClassID, insightMember(st))
			cls.StudentsChanged(st.ClassID)
		},
		OnSubmitted: func(_ students.Student, isRetake bool) {
			if isRetake {
				retake.Inc()
			} else {
				first.Inc()
				a.coinMetrics.CoinsMoved(economy.TypeWelcomeBonus, students.WelcomeBonus)
			}
		},
	})
	a.accounts.OnDeleted = func(int64) { cls.OwnersChanged() }
	a.accounts.OnProfileChanged = cls.TeacherChanged
	cls.OnChanged = a.insight.OnStudentsChanged
	return cls, svc
}

// insightMember is a student as the insight area reads it from the
// database (sqlitestore.InsightClass), for a student just stored.
func insightMember(st students.Student) insight.Member {
	m := insight.Member{ID: st.ID, Name: st.Name, Passport: st.PassportCode, Coins: int64(st.Coins),
		JoinedAt: time.UnixMilli(st.CreatedAt.UnixMilli())}
	if r := st.Result; r != nil && r.Animal != "" {
		m.Done = true
		m.Type, m.Animal, m.Genius, m.Style = r.Type, r.Animal, r.Genius, r.LearningStyle
		m.Poles, m.Styles = r.Poles, r.StyleCounts
		m.CompletedAt = time.UnixMilli(r.CompletedAt.UnixMilli())
	}
	return m
}
