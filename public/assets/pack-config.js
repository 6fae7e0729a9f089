// Paged.js settings for the meeting pack: when pagination has finished, mark the document so the PDF
// renderer knows it may print (it waits for this, never for a fixed time or the first page).
window.PagedConfig = {
  auto: true,
  after: function (flow) {
    document.documentElement.setAttribute('data-paged', 'done');
    document.documentElement.setAttribute('data-pages', String(flow && flow.total ? flow.total : document.querySelectorAll('.pagedjs_page').length));
  },
};
