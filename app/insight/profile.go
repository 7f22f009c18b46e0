package insight

import "animalgenius/app/quiz"

// Profile is a student's result with the texts the teacher's view and the
// printed report show. Animal, Genius and Style are nil when the student
// has not finished the quiz.
type Profile struct {
	Student     RosterRow           `json:"student"`
	Animal      *quiz.Animal        `json:"animal"`
	Genius      *quiz.Genius        `json:"genius"`
	Style       *quiz.LearningStyle `json:"style"`
	Poles       quiz.PoleCounts     `json:"poles"`
	StyleCounts quiz.StyleCounts    `json:"styleCounts"`
	StyleTotal  int                 `json:"styleTotal"`
	Styles      []string            `json:"styles"` // within one point of the top
	Multimodal  bool                `json:"multimodal"`
}

// Profile returns the profile of a student of the class.
func (s *Snapshot) Profile(id int64) (Profile, bool) {
	m, ok := s.Member(id)
	if !ok {
		return Profile{}, false
	}
	p := Profile{Student: m.Row(), Styles: []string{}}
	if !m.Done {
		return p, true
	}
	if a, ok := quiz.AnimalByCode(m.Animal); ok {
		p.Animal = &a
	}
	if g, ok := quiz.GeniusByCode(m.Genius); ok {
		p.Genius = &g
	}
	if st, ok := quiz.LearningStyleByCode(m.Style); ok {
		p.Style = &st
	}
	p.Poles, p.StyleCounts = m.Poles, m.Styles
	c := m.Styles
	p.StyleTotal = c.Visual + c.Auditory + c.ReadingWriting + c.Kinesthetic
	if all := m.Multimodal(); all != nil {
		p.Styles = all
	}
	p.Multimodal = len(p.Styles) > 1
	return p, true
}
