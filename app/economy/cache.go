package economy

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	gocache "github.com/patrickmn/go-cache"
)

// versionedCache keeps read models per id. Every write bumps the id's
// version after its commit; an entry is used only while its version is
// current, and a reader that raced a write does not store what it read.
// So a student never sees data older than its own last action, even with
// two tabs open.
type versionedCache struct {
	c        *gocache.Cache
	prefix   string
	versions sync.Map // id -> *atomic.Uint64
}

type versioned struct {
	version uint64
	value   any
}

func newVersionedCache(c *gocache.Cache, prefix string) *versionedCache {
	return &versionedCache{c: c, prefix: prefix}
}

func (v *versionedCache) counter(id int64) *atomic.Uint64 {
	if c, ok := v.versions.Load(id); ok {
		return c.(*atomic.Uint64)
	}
	c, _ := v.versions.LoadOrStore(id, new(atomic.Uint64))
	return c.(*atomic.Uint64)
}

// get returns the cached value and the version to pass to put.
func (v *versionedCache) get(id int64) (any, uint64, bool) {
	cur := v.counter(id).Load()
	if e, ok := v.c.Get(v.prefix + strconv.FormatInt(id, 10)); ok {
		if ve := e.(versioned); ve.version == cur {
			return ve.value, cur, true
		}
	}
	return nil, cur, false
}

// put stores value read at version seen, unless a write happened since.
func (v *versionedCache) put(id int64, seen uint64, value any, ttl time.Duration) {
	if v.counter(id).Load() != seen {
		return
	}
	v.c.Set(v.prefix+strconv.FormatInt(id, 10), versioned{seen, value}, ttl)
}

// invalidate marks everything cached for id as old.
func (v *versionedCache) invalidate(id int64) {
	v.counter(id).Add(1)
	v.c.Delete(v.prefix + strconv.FormatInt(id, 10))
}

// invalidateAll marks every entry old (e.g. a catalog change that shows
// in every avatar).
func (v *versionedCache) invalidateAll() {
	v.versions.Range(func(_, c any) bool {
		c.(*atomic.Uint64).Add(1)
		return true
	})
}
