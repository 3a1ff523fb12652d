// Package testdoc writes small PDF and Word files for tests, so that import is tested on
// files made from our own text rather than on published documents.
package testdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
)

// PDF is a one-page PDF of lines in a CID font that is not embedded, with a ToUnicode map:
// the way PDF writers commonly store Chinese text, and all a text extractor reads.
func PDF(lines []string) []byte {
	cids := map[rune]int{}
	var order []rune
	for _, l := range lines {
		for _, r := range l {
			if _, ok := cids[r]; !ok {
				cids[r] = len(order) + 1
				order = append(order, r)
			}
		}
	}
	var content bytes.Buffer
	content.WriteString("BT /F1 14 Tf 50 780 Td 18 TL\n")
	for _, l := range lines {
		content.WriteString("<")
		for _, r := range l {
			fmt.Fprintf(&content, "%04X", cids[r])
		}
		content.WriteString("> Tj T*\n")
	}
	content.WriteString("ET\n")
	var cmap bytes.Buffer
	cmap.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	fmt.Fprintf(&cmap, "%d beginbfchar\n", len(order))
	for i, r := range order {
		fmt.Fprintf(&cmap, "<%04X> <%04X>\n", i+1, r)
	}
	cmap.WriteString("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end\n")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
		"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", cmap.Len(), cmap.String()),
		"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
	}
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return out.Bytes()
}

// DOCX is a Word document of paragraphs; a paragraph's "\t" is a tab and its runs are
// split at "|", as Word splits text it formats differently.
func DOCX(paragraphs []string) []byte {
	var body bytes.Buffer
	for _, p := range paragraphs {
		body.WriteString("<w:p>")
		for _, run := range bytes.Split([]byte(p), []byte("|")) {
			body.WriteString(`<w:r><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr><w:t xml:space="preserve">`)
			xml.EscapeText(&body, run)
			body.WriteString("</w:t></w:r>")
		}
		body.WriteString("</w:p>")
	}
	files := []struct{ name, text string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `<w:sectPr/></w:body></w:document>`},
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			panic(err) // writing to memory does not fail
		}
		w.Write([]byte(f.text))
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return out.Bytes()
}
