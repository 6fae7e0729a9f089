// Paged.js settings for the meeting pack.
// - Chunks: `?parts=FIRST-LAST` keeps only those top-level parts (<section class="pack-part">, counted from
//   0), so the renderer can paginate the pack in parallel pieces; each part starts a page anyway.
// - Running headers: an element marked data-string="NAME" sets the page's string NAME (first one on the
//   page, else the last one before it), shown by `content: string(NAME)` in @page margin boxes. This is
//   string-set's work, done here because Paged.js's own string-set escapes only quotes when it writes the
//   text into CSS: here every character but letters, digits and spaces is written as a CSS escape, so text
//   from a case file can never end the string or run as CSS.
// - In a chunk, a child's section is checked for overflow once about a page of text is in (Paged.js's
//   maxChars, see CHILD_MAX_CHARS below), pages are laid out one after another without waiting for the
//   screen (registerTaskTick), and the running header's strings are set in the page's margins only.
// - When pagination has finished, the document is marked (data-paged="done") and window.packLayout says
//   where each part and heading landed, for the contents page, the bookmarks and the links.
(function () {
  'use strict';
  var MAX_HEADER = 90;
  // Characters of text Paged.js puts into a page before it measures whether the page overflows (each measure
  // lays the document out again). Paged.js means this to follow the length of the last pages, but keeps the
  // estimate it makes after the first page for the rest of the document (Chunker sets settings.maxChars
  // once): after the cover's few hundred characters it measured every few lines of every later page, and
  // the chunk with the cover took half as long again as the others. In the pack renderer's chunks
  // (`?parts=`), from the first page of a child's section on, it measures after about a page of text
  // instead. Where a child's page breaks does not depend on it (the same PDF for 60 and 250 children and the
  // demo); the summary tracker's table rows do (Paged.js splits them as it measures), so the parts before
  // the children keep Paged.js's own estimate, and so does a page opened without `?parts=`.
  var CHILD_MAX_CHARS = 3000;

  function cssString(text) {
    var out = '"';
    for (var ch of text) out += /[A-Za-z0-9 ]/.test(ch) ? ch : '\\' + ch.codePointAt(0).toString(16) + ' ';
    return out + '"';
  }

  function prune(range) {
    var m = /^(\d+)-(\d+)$/.exec(range || '');
    if (m) {
      var first = Number(m[1]), last = Number(m[2]);
      var parts = document.querySelectorAll('.pack-part');
      var gone = [];
      for (var i = 0; i < parts.length; i++) {
        if (i >= first && i <= last) continue;
        if (parts[i].id) gone.push(parts[i].id);
        parts[i].remove();
      }
      // Links to parts in other chunks keep a target here (so the browser prints them as links); the
      // renderer points them at the page where that part landed when it joins the chunks.
      var kept = document.querySelectorAll('.pack-part');
      var end = kept[kept.length - 1];
      gone.forEach(function (id) {
        var anchor = document.createElement('span');
        anchor.id = id;
        anchor.className = 'pack-anchor';
        if (end) end.appendChild(anchor);
      });
      document.documentElement.setAttribute('data-chunk', range);
    }
    // The marking and the running header's texts go into the first part: on their own they would make a page.
    var strings = document.querySelector('.pack-strings');
    var start = document.querySelector('.pack-part');
    if (strings && start) start.insertBefore(strings, start.firstChild);
  }

  // Where a page's strings are set: on the page (its whole content then has its style worked out again, as a
  // property every element inherits changed), or in a chunk only on the page's four margins, the boxes that
  // show them (about a fifth less style work a page; the same pages).
  var MARGINS = '.pagedjs_margin-top, .pagedjs_margin-bottom, .pagedjs_margin-left, .pagedjs_margin-right';

  function registerStrings(inMargins) {
    var last = {};
    class PackStrings extends window.Paged.Handler {
      afterPageLayout(page) {
        var found = {};
        page.querySelectorAll('.pagedjs_page_content [data-string]').forEach(function (el) {
          var name = el.getAttribute('data-string');
          if (!/^[a-z]+$/.test(name)) return;
          // White space collapses to one space, but for no-break spaces (the running header's date keeps them).
          var text = el.textContent.replace(/[^\S\u00a0]+/g, ' ').trim();
          if (text.length > MAX_HEADER) text = text.slice(0, MAX_HEADER - 1) + '…';
          if (!(name in found)) found[name] = text;
          last[name] = text;
        });
        var targets = inMargins ? page.querySelectorAll(MARGINS) : [page];
        for (var name in last) {
          var value = cssString(name in found ? found[name] : last[name]);
          for (var i = 0; i < targets.length; i++) targets[i].style.setProperty('--pagedjs-string-first-' + name, value);
        }
      }
    }
    window.Paged.registerHandlers(PackStrings);
  }

  // Paged.js lays out one page per animation frame (its queue waits for requestAnimationFrame between
  // pages), so a chunk went no faster than the screen's 60 frames a second, whatever the processor, and the
  // browser drew a frame for every page nobody sees. In a chunk (`?parts=`) the next page is laid out in the
  // next task instead (a MessageChannel message: no timer's clamping, other tasks still run in between, and
  // the browser still draws when a frame is due). Where pages break does not depend on it: Paged.js
  // measures each page by forcing layout, never by waiting for a frame (the same pages and PDF for the demo,
  // 60 and 250 children; tests/e2e/pack-chunk-tick.test.ts compares the paginated pages).
  function registerTaskTick() {
    class TaskTick extends window.Paged.Handler {
      constructor(chunker, polisher, caller) {
        super(chunker, polisher, caller);
        var waiting = [];
        var channel = new MessageChannel();
        channel.port1.onmessage = function () {
          var task = waiting.shift();
          if (task) task();
        };
        chunker.q.tick = function (task) {
          waiting.push(task);
          channel.port2.postMessage(null);
        };
      }
    }
    window.Paged.registerHandlers(TaskTick);
  }

  function registerChildMeasure() {
    class ChildMeasure extends window.Paged.Handler {
      afterPageLayout(pageElement, page, breakToken, chunker) {
        // The next page starts in a child's section: from there on, measure after about a page of text.
        var node = breakToken && breakToken.node;
        var el = node && (node.nodeType === 1 ? node : node.parentElement);
        if (el && el.closest('.pack-child')) chunker.settings.maxChars = CHILD_MAX_CHARS;
      }
    }
    window.Paged.registerHandlers(ChildMeasure);
  }

  // Where each part and heading landed, measured on each page as soon as Paged.js has laid it out (its layout
  // is then up to date): measured once pagination has finished, the first measure laid out every page again
  // (Paged.js's last changes touch them all), a tenth of a second or more per chunk. Keyed by the page, so a
  // page Paged.js lays out again is measured again, and a page never seen is measured at the end.
  var measured = new Map();

  function measure(page) {
    var box = page.getBoundingClientRect();
    var where = function (el) {
      return { y: el.getBoundingClientRect().top - box.top, height: box.height, width: box.width };
    };
    var parts = [];
    page.querySelectorAll('.pagedjs_page_content .pack-part[id]').forEach(function (el) {
      parts.push(Object.assign({ id: el.id }, where(el)));
    });
    var headings = [];
    page.querySelectorAll('.pagedjs_page_content h1, .pagedjs_page_content h2').forEach(function (el) {
      if (el.hasAttribute('data-split-from')) return;
      headings.push(Object.assign({ level: el.tagName === 'H1' ? 1 : 2, text: el.textContent.replace(/\s+/g, ' ').trim() }, where(el)));
    });
    return { parts: parts, headings: headings };
  }

  function registerMeasure() {
    class PackMeasure extends window.Paged.Handler {
      afterPageLayout(pageElement) {
        measured.set(pageElement, measure(pageElement));
      }
    }
    window.Paged.registerHandlers(PackMeasure);
  }

  function layout() {
    var pages = Array.prototype.slice.call(document.querySelectorAll('.pagedjs_page'));
    var parts = [];
    var headings = [];
    var seen = {};
    pages.forEach(function (page, index) {
      var found = measured.get(page) || measure(page);
      found.parts.forEach(function (part) {
        if (seen[part.id]) return;
        seen[part.id] = true;
        parts.push(Object.assign({ id: part.id, page: index }, part));
      });
      found.headings.forEach(function (heading) {
        headings.push(Object.assign({ page: index }, heading));
      });
    });
    return { pages: pages.length, parts: parts, headings: headings };
  }

  var params = new URLSearchParams(location.search);
  // A chunk shows only a few parts of the page: nothing is laid out until the others are gone (the browser
  // would otherwise lay out the whole pack once while it loads, before Paged.js starts).
  // A chunk's speed-ups (child sections measured after a page of text, pages laid out without waiting for
  // frames, strings set in the margins), none of which changes the pages; `&paged=plain` turns them off
  // (tests/e2e/pack-chunk-tick.test.ts compares the two).
  var fast = !!params.get('parts') && params.get('paged') !== 'plain';
  var hidden = null;
  if (params.get('parts')) {
    hidden = document.createElement('style');
    hidden.textContent = 'body { display: none !important; }';
    document.head.appendChild(hidden);
  }
  window.PagedConfig = {
    auto: true,
    before: function () {
      prune(params.get('parts'));
      if (hidden) hidden.remove();
      registerStrings(fast);
      registerMeasure();
      if (fast) registerChildMeasure();
      if (fast) registerTaskTick();
    },
    after: function () {
      window.packLayout = layout();
      document.documentElement.setAttribute('data-pages', String(window.packLayout.pages));
      document.documentElement.setAttribute('data-paged', 'done');
    },
  };
})();
