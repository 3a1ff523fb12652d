package dedup

import (
	"slices"
)

// shingleLen is the length, in normalised characters, of the overlapping pieces that
// documents are compared on. Measured from 3 to 15 characters, longer pieces lower the
// similarity of same-subject documents faster than that of reprints, because formulas are
// short runs between changing names and numbers while a reprint keeps long runs: the gap
// between seed 003's reprint and the closest pair of different real reports widens from 0.06
// at 3 characters to 0.19 at 10 and no further beyond. A reworded number or a dropped
// clause costs the ten pieces around it.
const shingleLen = 10

// The sketch keeps the shingles whose 64-bit hash is below 2^(64-sampleBits): a quarter of
// them, chosen by content, so two documents keep the same shingles of the text they share
// and the overlap of their samples is a uniform sample of the overlap of their texts.
// The anchors that candidate pairs are found by are the sample's shingles below
// 2^(64-sampleBits-anchorBits): one shingle in 16, about one every 16 characters.
const (
	sampleBits = 2
	anchorBits = 2
	// anchorLimit is the smallest stored value that is not an anchor.
	anchorLimit = 1 << (32 - anchorBits)
)

// sketch is what the Grouper keeps of a document.
type sketch struct {
	id        int64
	published string
	length    int      // normalised characters, the measure of completeness
	sample    []uint32 // sorted, distinct; the high bits of the sampled shingle hashes
	anchors   int      // sample[:anchors] are the anchors
}

// scratch holds the buffers sketching works in; the Grouper reuses them across documents
// so that sketching a large corpus does not churn memory.
type scratch struct {
	runes  []rune
	sample []uint32
}

// newSketch normalises text and samples its shingles.
func newSketch(d Doc) sketch {
	return sketchWith(d, new(scratch))
}

func sketchWith(d Doc, sc *scratch) sketch {
	runes := appendNormalized(sc.runes[:0], d.Text)
	sample := sc.sample[:0]
	var roll shingleRoller
	for i, r := range runes {
		var drop rune
		if i >= shingleLen {
			drop = runes[i-shingleLen]
		}
		roll.push(r, drop)
		if i < shingleLen-1 {
			continue
		}
		if h := roll.hash(); h>>(64-sampleBits) == 0 {
			// The top sampleBits are zero; the next 32 bits identify the shingle.
			sample = append(sample, uint32(h>>(32-sampleBits)))
		}
	}
	slices.Sort(sample)
	sample = slices.Compact(sample)
	sc.runes, sc.sample = runes, sample
	s := sketch{id: d.ID, published: d.Published, length: len(runes), sample: slices.Clone(sample)}
	for s.anchors < len(s.sample) && s.sample[s.anchors] < anchorLimit {
		s.anchors++
	}
	return s
}

// shingles is the number of shingle positions, the size that MinShingles is compared with.
func (s *sketch) shingles() int {
	return max(0, s.length-shingleLen+1)
}

// shingleRoller hashes the last shingleLen runes pushed to 64 bits: a polynomial over the
// runes, updated in constant time per rune, then splitmix64's finaliser so that every output
// bit depends on every rune of the shingle and sampling by value is uniform.
type shingleRoller struct{ poly uint64 }

const rollBase = 0x9e3779b97f4a7c15

// rollOut is rollBase^shingleLen mod 2^64, the weight of the rune that leaves the window;
// TestShingleRollerMatchesWindow fails if shingleLen changes without it.
const rollOut = 0x80e0dcf76db02719

// push adds r to the window and removes drop, the rune shingleLen places back (0 while the
// window is filling).
func (s *shingleRoller) push(r, drop rune) {
	s.poly = s.poly*rollBase + uint64(r) - uint64(drop)*rollOut
}

func (s *shingleRoller) hash() uint64 {
	h := s.poly
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// similarity estimates |A∩B| / min(|A|,|B|) over the shingle sets from the samples.
// Because sampling is by hash value, the shared sample is a uniform sample of the shared
// shingles, so the estimate is unbiased with a standard error of about sqrt(c(1-c)/n) for
// containment c and n sampled shingles of the smaller document (n ≈ its shingles / 4).
// It is exact at or above least and may be anything lower below it: most candidate pairs
// fall short, and counting stops once they cannot reach it.
func similarity(a, b *sketch, least float64) float64 {
	n := min(len(a.sample), len(b.sample))
	if n == 0 {
		return 0
	}
	// Rounded down: any count that reaches least is counted exactly.
	need := int(least * float64(n))
	return float64(intersect(a.sample, b.sample, need)) / float64(n)
}

// intersect counts the values two sorted lists share, or returns less than need as soon
// as they cannot share need. The merge steps without branching on the values, which
// interleave at random: a rebuild of 200 MB verifies a million candidate pairs here.
func intersect(a, b []uint32, need int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		if n+min(len(a)-i, len(b)-j) < need {
			return n
		}
		x, y := a[i], b[j]
		n += b2i(x == y)
		i += b2i(x <= y)
		j += b2i(y <= x)
	}
	return n
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
