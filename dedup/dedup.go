// Package dedup groups near-duplicate documents — reprints, partial copies, rewordings of numbers — so each report is counted once.
package dedup

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// DefaultThreshold is the similarity at or above which two documents are copies of one
// report. Similarity is containment: the share of the smaller document's shingles (runs of
// ten characters of the normalised text) that the larger one also has, so a partial copy or
// a newspaper page that prints the report among other articles scores like a full reprint.
//
// It was set between two measured populations. Copies: seed 003, a newspaper page that lost
// about a sixth of the review in seed 000 and interleaves three other articles, contains
// 0.80 of it (0.77 as estimated from the sketches), 0.92 once the other articles are
// removed; reprints with another headline, numbers in Chinese numerals, truncated or with
// other articles appended score 0.95–1. Different documents on the same subject: among the
// 87 Congress and government work reports and the yearly resolutions on them, which repeat
// the same formulas year after year, the highest pair is 0.62 (two resolutions of one
// Congress, near templates), a resolution quoting its year's report reaches 0.61, and
// government work reports of different years stay below 0.12; unrelated seeds score below
// 0.02. 0.7 lies midway; TestThresholdSeparatesRealReports keeps it checked.
const DefaultThreshold = 0.7

// DefaultMinShingles is the size, in shingles (about normalised characters), below which a
// document is never grouped: a short text can be contained in a long one by chance or by
// quoting a stock phrase, and a notice of a few sentences says too little to be a copy.
const DefaultMinShingles = 100

// DefaultMaxAnchorDocs is how many documents may share an anchor shingle before it stops
// proposing candidate pairs. Pieces of stock phrases occur in thousands of reports and would
// make the candidate search quadratic; a real report is reprinted far fewer times, and its
// other anchors still find the copies.
const DefaultMaxAnchorDocs = 1000

// Doc is a document to group.
type Doc struct {
	ID        int64
	Text      string
	Published string // YYYY-MM-DD or a longer ISO form; "" when unknown
}

// Options tune the grouping; zero fields take the defaults.
type Options struct {
	Threshold     float64 // DefaultThreshold when 0
	MinShingles   int     // DefaultMinShingles when 0
	MaxAnchorDocs int     // DefaultMaxAnchorDocs when 0
	Workers       int     // goroutines for Find and Groups; GOMAXPROCS when 0
}

// Group is a set of documents that are copies of one report.
type Group struct {
	Canonical int64    // the member to show and count
	Members   []Member // the canonical first, then the others by ID
}

// Member is a document of a group.
type Member struct {
	ID         int64
	Similarity float64 // to the canonical; 1 for the canonical itself
}

// Grouper collects documents and groups them. It keeps a sketch of each document (about
// a third of the size of its UTF-8 text), not the text. Add may be called from several
// goroutines.
type Grouper struct {
	opt      Options
	scratch  sync.Pool // of *scratch
	mu       sync.Mutex
	sketches []sketch
	ids      map[int64]bool
}

// NewGrouper returns a Grouper with opt's zero fields set to the defaults.
func NewGrouper(opt Options) *Grouper {
	if opt.Threshold == 0 {
		opt.Threshold = DefaultThreshold
	}
	if opt.MinShingles == 0 {
		opt.MinShingles = DefaultMinShingles
	}
	if opt.MaxAnchorDocs == 0 {
		opt.MaxAnchorDocs = DefaultMaxAnchorDocs
	}
	if opt.Workers == 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	return &Grouper{opt: opt, ids: map[int64]bool{}}
}

// Add sketches a document. IDs must be unique.
func (g *Grouper) Add(d Doc) error {
	sc, _ := g.scratch.Get().(*scratch)
	if sc == nil {
		sc = new(scratch)
	}
	s := sketchWith(d, sc)
	g.scratch.Put(sc)
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ids[d.ID] {
		return fmt.Errorf("dedup: document %d added twice", d.ID)
	}
	g.ids[d.ID] = true
	if s.shingles() >= g.opt.MinShingles && len(s.sample) > 0 {
		g.sketches = append(g.sketches, s)
	}
	return nil
}

// Find groups docs, sketching them on all workers.
func Find(docs []Doc, opt Options) ([]Group, error) {
	g := NewGrouper(opt)
	var next atomic.Int64
	errs := make([]error, g.opt.Workers)
	var wg sync.WaitGroup
	for w := range g.opt.Workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(docs) {
					return
				}
				if err := g.Add(docs[i]); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return g.Groups(), nil
}

// Groups returns the groups of two or more documents, ordered by canonical ID. Copies are
// grouped around the most complete document (the longest normalised text, then the earliest
// published, then the lowest ID) and every member's similarity to its canonical is at least
// the threshold, so groups do not chain: a document that is half a copy of one report and
// half of another does not join the two reports' groups. A page that prints two reports in
// full is the canonical of a group that holds both, since each is a partial copy of it.
func (g *Grouper) Groups() []Group {
	g.mu.Lock()
	defer g.mu.Unlock()
	sk := g.sketches
	slices.SortFunc(sk, func(a, b sketch) int { return cmp.Compare(a.id, b.id) })
	edges := g.candidatePairs(sk)
	return g.stars(sk, edges)
}

// pair is a verified pair of sketch indexes, a < b, and their similarity.
type pair struct {
	a, b int32
	sim  float64
}

// candidatePairs finds the pairs of documents that share enough anchors and verifies them on
// their samples. Each document looks up its anchors in an inverted index, so the work is
// the sum over anchors of the documents sharing them, not the number of pairs.
func (g *Grouper) candidatePairs(sk []sketch) []pair {
	idx := newAnchorIndex(sk, g.opt.MaxAnchorDocs)
	var next atomic.Int64
	found := make([][]pair, g.opt.Workers)
	var wg sync.WaitGroup
	const chunk = 64
	for w := range g.opt.Workers {
		wg.Go(func() {
			shared := make([]int32, len(sk))
			var touched []int32
			for {
				start := int(next.Add(chunk)) - chunk
				if start >= len(sk) {
					return
				}
				for i := start; i < min(start+chunk, len(sk)); i++ {
					a := &sk[i]
					for _, v := range a.sample[:a.anchors] {
						// Postings are sorted: the documents after a, each pair once.
						ps := idx.postings(v)
						k, _ := slices.BinarySearch(ps, int32(i+1))
						for _, j := range ps[k:] {
							if shared[j] == 0 {
								touched = append(touched, j)
							}
							shared[j]++
						}
					}
					for _, j := range touched {
						b := &sk[j]
						// A copy shares about similarity × anchors of the smaller
						// document; half the threshold leaves room for the sampling
						// while dropping pairs that merely share a sentence or two.
						need := max(1, int(0.5*g.opt.Threshold*float64(min(a.anchors, b.anchors))))
						if int(shared[j]) >= need {
							if sim := similarity(a, b, g.opt.Threshold); sim >= g.opt.Threshold {
								found[w] = append(found[w], pair{int32(i), j, sim})
							}
						}
						shared[j] = 0
					}
					touched = touched[:0]
				}
			}
		})
	}
	wg.Wait()
	return slices.Concat(found...)
}

// anchorIndex maps an anchor to the sorted indexes of the documents that have it.
type anchorIndex struct {
	keys  []uint32
	start []int32 // postings of keys[k] are docs[start[k]:start[k+1]]
	docs  []int32
}

func newAnchorIndex(sk []sketch, maxDocs int) *anchorIndex {
	n := 0
	for i := range sk {
		n += sk[i].anchors
	}
	entries := make([]uint64, 0, n)
	for i := range sk {
		for _, v := range sk[i].sample[:sk[i].anchors] {
			entries = append(entries, uint64(v)<<32|uint64(i))
		}
	}
	slices.Sort(entries)
	idx := &anchorIndex{}
	for lo := 0; lo < len(entries); {
		key := uint32(entries[lo] >> 32)
		hi := lo + 1
		for hi < len(entries) && uint32(entries[hi]>>32) == key {
			hi++
		}
		// An anchor of one document pairs nothing; one of too many is a stock phrase.
		if hi-lo > 1 && hi-lo <= maxDocs {
			idx.keys = append(idx.keys, key)
			idx.start = append(idx.start, int32(len(idx.docs)))
			for _, e := range entries[lo:hi] {
				idx.docs = append(idx.docs, int32(uint32(e)))
			}
		}
		lo = hi
	}
	idx.start = append(idx.start, int32(len(idx.docs)))
	return idx
}

func (idx *anchorIndex) postings(v uint32) []int32 {
	k, ok := slices.BinarySearch(idx.keys, v)
	if !ok {
		return nil
	}
	return idx.docs[idx.start[k]:idx.start[k+1]]
}

// stars turns verified pairs into groups. The documents in pairs are taken in canonical
// order; each one not yet in a group becomes a canonical and gathers those of its pair
// partners that are not in a group either. A partner more complete than it was taken
// earlier, so every member is paired with its own canonical and the work is linear in the
// pairs; union-find over the pairs would instead chain documents that do not overlap.
func (g *Grouper) stars(sk []sketch, pairs []pair) []Group {
	// Partners of i are partner[start[i]:start[i+1]], in the order of pairs.
	start := make([]int32, len(sk)+1)
	for _, p := range pairs {
		start[p.a+1]++
		start[p.b+1]++
	}
	for i := range sk {
		start[i+1] += start[i]
	}
	type partnerSim struct {
		doc int32
		sim float64
	}
	partner := make([]partnerSim, 2*len(pairs))
	fill := slices.Clone(start[:len(sk)])
	for _, p := range pairs {
		partner[fill[p.a]] = partnerSim{p.b, p.sim}
		fill[p.a]++
		partner[fill[p.b]] = partnerSim{p.a, p.sim}
		fill[p.b]++
	}
	var order []int32
	for i := range sk {
		if start[i+1] > start[i] {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return moreComplete(&sk[x], &sk[y]) })
	grouped := make([]bool, len(sk))
	var groups []Group
	for _, c := range order {
		if grouped[c] {
			continue
		}
		grouped[c] = true
		grp := Group{Canonical: sk[c].id, Members: []Member{{ID: sk[c].id, Similarity: 1}}}
		for _, p := range partner[start[c]:start[c+1]] {
			if !grouped[p.doc] {
				grouped[p.doc] = true
				grp.Members = append(grp.Members, Member{ID: sk[p.doc].id, Similarity: p.sim})
			}
		}
		if len(grp.Members) > 1 {
			slices.SortFunc(grp.Members[1:], func(x, y Member) int { return cmp.Compare(x.ID, y.ID) })
			groups = append(groups, grp)
		}
	}
	slices.SortFunc(groups, func(x, y Group) int { return cmp.Compare(x.Canonical, y.Canonical) })
	return groups
}

// moreComplete orders documents by how fit they are to be canonical: the longest normalised
// text, then the earliest known publication date, then the lowest ID.
func moreComplete(a, b *sketch) int {
	if c := cmp.Compare(b.length, a.length); c != 0 {
		return c
	}
	if (a.published == "") != (b.published == "") {
		if a.published == "" {
			return 1
		}
		return -1
	}
	if c := cmp.Compare(a.published, b.published); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}
