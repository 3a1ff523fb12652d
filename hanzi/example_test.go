package hanzi_test

import (
	"fmt"

	"github.com/dangjian/dangjian/hanzi"
)

func ExampleFold() {
	fmt.Println(hanzi.Fold("機關黨建ＡＢＣ　２０２４"))
	fmt.Println(hanzi.Fold("乾隆年間"), hanzi.Fold("乾淨"))
	// Output:
	// 机关党建abc 2024
	// 乾隆年间 干净
}

func ExampleSimplify() {
	fmt.Println(hanzi.Simplify("頭髮，內蒙古"))
	// Output: 头发，内蒙古
}
