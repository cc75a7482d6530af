package server

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chromedp/chromedp"
)

// hRTLNames are the names that hold a right-to-left override, longest first.
var hRTLNames = []string{hRTL + " Centro", hRTL}

// bidiLeakJS finds where a name's right-to-left override turns around the
// text that follows the name on the same line: a chapter, a time, a door.
// The override belongs to the name; what the page writes after it must read
// left to right, after it. In a left-to-right line the first character after
// the name sits to the right of the name's last character; an override that
// runs on puts it to the left.
const bidiLeakJS = `((names) => {
	const out = [];
	const blockOf = (el) => { while (el.parentElement && getComputedStyle(el).display === 'inline') el = el.parentElement; return el; };
	const rect = (node, at) => { const r = document.createRange(); r.setStart(node, at); r.setEnd(node, at + 1); return r.getBoundingClientRect(); };
	const all = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n; (n = all.nextNode());) {
		for (let i = n.data.indexOf('\u202E'); i >= 0; i = n.data.indexOf('\u202E', i + 1)) {
			const name = names.find((s) => n.data.startsWith(s, i));
			if (!name) continue;
			const end = i + name.length, home = blockOf(n.parentElement);
			const w = document.createTreeWalker(home, NodeFilter.SHOW_TEXT);
			w.currentNode = n;
			let next = null;
			for (let m = n, o = end; m && !next; m = w.nextNode(), o = 0) {
				const k = m.data.slice(o).search(/[^\s\p{Cf}]/u); // skip spaces and invisible marks
				if (k >= 0) next = [m, o + k];
			}
			if (!next) continue;
			const a = rect(n, end - 1), b = rect(next[0], next[1]);
			if (!a.width || !b.width || Math.abs(a.top - b.top) > 2) continue;
			if (b.left < a.left) out.push(home.tagName.toLowerCase() + (home.id ? '#' + home.id : '') +
				(home.className ? '.' + String(home.className).split(' ')[0] : '') + ' reads ' +
				JSON.stringify(home.textContent.slice(0, 80)) + ': ' + JSON.stringify(next[0].data.slice(next[1], next[1] + 30)) +
				' shows before the name');
		}
	}
	return out;
})(%s)`

// bidiLeaks lists the places of the page where a name's override runs on.
func bidiLeaks(ctx context.Context) ([]string, error) {
	names, _ := json.Marshal(hRTLNames)
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(bidiLeakJS, names)))
}
