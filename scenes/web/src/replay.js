// A replay page: the chapter list's buttons seek the video to their chapter and
// play it; the chapter being played is marked (aria-current) as the video runs.
const video = document.getElementById('replay-video');
const list = document.getElementById('replay-chapters');
if (video && list) {
  const buttons = Array.from(list.querySelectorAll('button[data-start]'));
  const starts = buttons.map((b) => Number(b.dataset.start));
  buttons.forEach((button, i) => {
    button.addEventListener('click', () => {
      video.currentTime = starts[i];
      const playing = video.play();
      if (playing) playing.catch(() => { /* the visitor can press play; the position is set */ });
    });
  });
  const mark = () => {
    let current = -1;
    starts.forEach((start, i) => { if (video.currentTime + 0.05 >= start) current = i; });
    buttons.forEach((b, i) => {
      if (i === current) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    });
  };
  video.addEventListener('timeupdate', mark);
  video.addEventListener('seeked', mark);
}
