package values

import (
	"fmt"
	"slices"
)

// Pick is one ranked value of a ballot (rank 1 is the most important).
type Pick struct {
	Value string `json:"value"`
	Rank  int    `json:"rank"`
}

// Ballot is one student's vote: per cluster code, three ranked picks.
type Ballot map[string][]Pick

// BallotError is a ballot that breaks a rule: a code for machines, the
// cluster concerned and words for a 10-year-old.
type BallotError struct {
	Code    string
	Cluster string
	Message string
}

func (e *BallotError) Error() string { return "values: " + e.Message }

// CheckBallot is the ballot rule: every cluster, and only the clusters of
// the vote; in each exactly three different known values of that cluster,
// ranked 1, 2 and 3 once each. The ballot comes back with each cluster's
// picks sorted by rank.
func CheckBallot(b Ballot) (Ballot, error) {
	if err := LoadError(); err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, &BallotError{"ballot_empty", "", "Your vote is empty. Choose 3 values in each of the 4 areas."}
	}
	for code := range b {
		if _, ok := index[code]; !ok {
			return nil, &BallotError{"unknown_cluster", clip(code), fmt.Sprintf("%q is not one of the areas of the vote.", clip(code))}
		}
	}
	out := make(Ballot, ClusterCount)
	for _, c := range Clusters() {
		picks, ok := b[c.Code]
		if !ok {
			return nil, &BallotError{"ballot_incomplete", c.Code, fmt.Sprintf("You haven't voted in %q yet. Choose 3 values there too.", c.Title)}
		}
		if len(picks) != Picks {
			return nil, &BallotError{"wrong_count", c.Code, fmt.Sprintf("Choose exactly %d values in %q (you chose %d).", Picks, c.Title, len(picks))}
		}
		var ranks [Picks + 1]bool
		seen := map[string]bool{}
		for _, p := range picks {
			if _, ok := index[c.Code][p.Value]; !ok {
				return nil, &BallotError{"unknown_value", c.Code, fmt.Sprintf("%q is not a value of %q. Choose from the list.", clip(p.Value), c.Title)}
			}
			if seen[p.Value] {
				return nil, &BallotError{"duplicate_value", c.Code, fmt.Sprintf("You chose %q twice in %q. Choose 3 different values.", index[c.Code][p.Value].Name, c.Title)}
			}
			seen[p.Value] = true
			if p.Rank < 1 || p.Rank > Picks {
				return nil, &BallotError{"bad_rank", c.Code, fmt.Sprintf("In %q, number your values 1, 2 and 3.", c.Title)}
			}
			if ranks[p.Rank] {
				return nil, &BallotError{"duplicate_rank", c.Code, fmt.Sprintf("In %q, two values have number %d. Give each value a different number: 1, 2 and 3.", c.Title, p.Rank)}
			}
			ranks[p.Rank] = true
		}
		sorted := slices.Clone(picks)
		slices.SortFunc(sorted, func(a, b Pick) int { return a.Rank - b.Rank })
		out[c.Code] = sorted
	}
	return out, nil
}

// clip shortens text from outside before it goes into a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}
