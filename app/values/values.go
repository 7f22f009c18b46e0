// Package values is the class values vote: four clusters of twelve values,
// a voting session a teacher opens for a class, the students' ballots and
// the tally. The rules (a ballot is exactly three ranked values per
// cluster; a session's clock; the tally with its tie-break) are pure
// functions the store runs inside its transactions.
package values

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Value is one value students can choose.
type Value struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Cluster is one area of class life with its values.
type Cluster struct {
	Code   string  `json:"code"`
	Title  string  `json:"title"`
	Prompt string  `json:"prompt"`
	Values []Value `json:"values"`
}

// Sizes of the vote.
const (
	ClusterCount     = 4
	ValuesPerCluster = 12
	Picks            = 3 // values a ballot ranks per cluster
	Winners          = 2 // values each cluster keeps
)

//go:embed values.json
var clustersJSON []byte

var (
	loadOnce sync.Once
	clusters []Cluster
	index    map[string]map[string]Value // cluster -> value code -> value
	loadErr  error
)

func load() {
	var cs []Cluster
	if err := json.Unmarshal(clustersJSON, &cs); err != nil {
		loadErr = fmt.Errorf("values: unable to read the clusters: %w", err)
		return
	}
	if len(cs) != ClusterCount {
		loadErr = fmt.Errorf("values: %d clusters, want %d", len(cs), ClusterCount)
		return
	}
	idx := map[string]map[string]Value{}
	seen := map[string]bool{}
	for _, c := range cs {
		if c.Code == "" || c.Title == "" || idx[c.Code] != nil {
			loadErr = fmt.Errorf("values: cluster %q has no title or is repeated", c.Code)
			return
		}
		if len(c.Values) != ValuesPerCluster {
			loadErr = fmt.Errorf("values: cluster %s has %d values, want %d", c.Code, len(c.Values), ValuesPerCluster)
			return
		}
		idx[c.Code] = map[string]Value{}
		for _, v := range c.Values {
			if v.Code == "" || v.Name == "" || v.Description == "" || seen[v.Code] {
				loadErr = fmt.Errorf("values: value %q of %s is incomplete or repeated", v.Code, c.Code)
				return
			}
			seen[v.Code] = true
			idx[c.Code][v.Code] = v
		}
	}
	clusters, index = cs, idx
}

// Clusters lists the four clusters in order.
func Clusters() []Cluster {
	loadOnce.Do(load)
	return clusters
}

// LoadError is why the shipped clusters could not be read (nil: fine).
func LoadError() error {
	loadOnce.Do(load)
	return loadErr
}

// Lookup returns a value of a cluster, or false.
func Lookup(cluster, code string) (Value, bool) {
	loadOnce.Do(load)
	v, ok := index[cluster][code]
	return v, ok
}
