// Runs before Bootstrap Italia's bundle: its video player would otherwise add inline styles, which
// the site's CSP blocks (and reports as errors). The site has no videos.
window.VIDEOJS_NO_DYNAMIC_STYLE = true;
