//go:build race

package segment

// raceEnabled lets slow tests step aside under the race detector.
const raceEnabled = true
