// The agent console's script (no inline code: the page's Content-Security-Policy allows only this file).
// Everything shown is set with textContent, never as HTML. Its texts come from dialogs/agentConsoleWording.json,
// put in the page as the JSON data block #wording.
'use strict';
(function () {
  const api = '/agent/api';
  const $ = (id) => document.getElementById(id);
  const wording = JSON.parse($('wording').textContent);
  /** The text `key` of the wording with its {placeholders} filled in from `values`. */
  const say = (key, values) => wording[key].replace(/\{(\w+)\}/g, (match, name) => (values && name in values ? String(values[name]) : match));
  let current = null; // id of the open conversation
  let shownLines = -1;
  let shownStatus = '';
  let queueTimer = null;
  let chatTimer = null;
  let knownWaiting = null; // ids of the waiting conversations last seen (null before the first look)
  let audio = null;
  const baseTitle = document.title;
  const soundKey = 'spineAssistant.agentConsole.sound';

  async function call(method, path, body) {
    const response = await fetch(api + path, {
      method,
      credentials: 'same-origin',
      headers: method === 'POST' ? { 'Content-Type': 'application/json', 'X-Agent-Console': '1' } : {},
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/login') showLogin();
    return { status: response.status, data };
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function waited(seconds) {
    const minutes = Math.floor(seconds / 60);
    return minutes > 0 ? say('minutesSeconds', { minutes, seconds: seconds % 60 }) : say('seconds', { seconds });
  }

  function showLogin() {
    clearInterval(queueTimer);
    clearInterval(chatTimer);
    knownWaiting = null;
    document.title = baseTitle;
    $('login').hidden = false;
    $('queue').hidden = true;
    $('chat').hidden = true;
    $('logout').hidden = true;
    $('sound-setting').hidden = true;
    $('who').textContent = '';
  }

  /** A short chime (Web Audio, no file to load), unless the agent turned the sound off. */
  function chime(urgent) {
    if (!$('sound').checked || !window.AudioContext) return;
    audio = audio || new AudioContext();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = urgent ? 880 : 660;
    volume.gain.setValueAtTime(0.15, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + (urgent ? 0.9 : 0.4));
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + (urgent ? 0.9 : 0.4));
  }

  /** The page title counts the waiting conversations; a new one is announced (status line and chime). */
  function announce(conversations) {
    const waiting = conversations.filter((item) => item.status === 'waiting');
    document.title = waiting.length > 0 ? '(' + waiting.length + ') ' + baseTitle : baseTitle;
    const arrived = knownWaiting === null ? [] : waiting.filter((item) => !knownWaiting.includes(item.id));
    knownWaiting = waiting.map((item) => item.id);
    if (arrived.length === 0) return;
    const urgent = arrived.some((item) => item.emergency);
    $('queue-alert').textContent = say(urgent ? 'newEmergency' : 'newConversation');
    chime(urgent);
  }

  function showConsole(name) {
    $('login').hidden = true;
    $('queue').hidden = false;
    $('logout').hidden = false;
    $('sound-setting').hidden = false;
    $('who').textContent = say('signedInAs', { name });
    refreshQueue();
    clearInterval(queueTimer);
    queueTimer = setInterval(refreshQueue, 2000);
  }

  async function refreshQueue() {
    const { status, data } = await call('GET', '/queue');
    if (status !== 200) return;
    const list = $('queue-list');
    list.replaceChildren();
    $('queue-empty').hidden = data.conversations.length > 0;
    announce(data.conversations);
    // The server lists emergencies first.
    for (const item of data.conversations) {
      const entry = el('li', undefined, item.emergency ? 'emergency' : undefined);
      if (item.emergency) entry.append(el('div', say('emergencyBadge'), 'badge'));
      entry.append(el('div', item.reasonText, 'reason'));
      const state = item.status === 'waiting' ? say('waitingFor', { time: waited(item.waitingSeconds) }) : item.mine ? say('withYou') : say('withAgent', { agent: item.agent });
      entry.append(el('div', state + ' · ' + item.channelId, 'meta'));
      if (item.screening) {
        entry.append(el('div', say('candidateCheck', { outcome: item.screening.outcome }), 'meta'));
        const answers = el('ul', undefined, 'meta');
        for (const answer of item.screening.answers) answers.append(el('li', answer.question + ' — ' + answer.answer));
        entry.append(answers);
      }
      for (const exchange of item.recent) entry.append(el('div', say('asked', { question: exchange.question, outcome: exchange.outcome }), 'meta'));
      if (item.status === 'waiting' || item.mine) {
        const button = el('button', say(item.status === 'waiting' ? 'take' : 'open'));
        button.type = 'button';
        button.addEventListener('click', () => take(item.id, item.status === 'waiting'));
        entry.append(button);
      }
      list.append(entry);
    }
  }

  async function take(id, needsTake) {
    $('chat-error').textContent = '';
    if (needsTake) {
      const { status, data } = await call('POST', '/conversations/' + id + '/take', {});
      if (status !== 200) {
        $('chat-error').textContent = data.error === 'taken' ? say('takenByOther') : say('cannotTake', { error: data.error });
        $('chat').hidden = false;
        return;
      }
    }
    current = id;
    shownLines = -1;
    $('chat').hidden = false;
    refreshChat();
    clearInterval(chatTimer);
    chatTimer = setInterval(refreshChat, 1500);
    refreshQueue();
  }

  async function refreshChat() {
    if (!current) return;
    const { status, data } = await call('GET', '/conversations/' + current);
    if (status !== 200) return;
    const open = data.status === 'active' && data.mine;
    $('chat-status').textContent = say(data.status === 'ended' ? 'ended' : open ? 'chatting' : 'notYours');
    for (const control of [$('send-text'), $('hand-back'), $('close')]) control.disabled = !open;
    $('send-form').querySelector('button').disabled = !open;
    if (data.lines.length === shownLines && data.status === shownStatus) return;
    shownLines = data.lines.length;
    shownStatus = data.status;
    const transcript = $('transcript');
    transcript.replaceChildren();
    for (const line of data.lines) {
      const item = el('li', undefined, line.from);
      item.append(el('div', say(line.from === 'patient' ? 'fromPatient' : line.from === 'agent' ? 'fromStaff' : 'fromAssistant'), 'meta'));
      if (line.text) item.append(el('div', line.text));
      // Quotes sent are laid out as quotes (verbatim text, list lines kept), not shown as Markdown.
      for (const quote of line.quotes || []) item.append(quoteBlock(quote));
      if (line.suggestions && line.suggestions.length > 0 && open) {
        const suggestions = el('div', undefined, 'suggestions');
        suggestions.setAttribute('aria-label', say('suggestedQuotes'));
        if (line.disagreement) suggestions.append(el('p', line.disagreement, 'disagreement'));
        for (const quote of line.suggestions) {
          const box = el('div', undefined, 'suggestion');
          box.append(quoteBlock(quote));
          const send = el('button', say('sendQuote'));
          send.type = 'button';
          send.addEventListener('click', () => act('/quotes', { line: line.index, documentId: quote.documentId, start: quote.start, end: quote.end }));
          box.append(send);
          suggestions.append(box);
        }
        item.append(suggestions);
      }
      transcript.append(item);
    }
    transcript.scrollTop = transcript.scrollHeight;
  }

  /** A quote as a blockquote with its document's title. */
  function quoteBlock(quote) {
    const figure = el('figure', undefined, 'quote');
    figure.append(el('blockquote', quote.text), el('figcaption', quote.title, 'title'));
    return figure;
  }

  async function act(path, body) {
    $('chat-error').textContent = '';
    const { status, data } = await call('POST', '/conversations/' + current + path, body);
    if (status !== 200) $('chat-error').textContent = say('notSent', { error: data.error });
    await refreshChat();
    return status === 200;
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('sound').checked = window.localStorage.getItem(soundKey) !== 'off';
    $('sound').addEventListener('change', () => window.localStorage.setItem(soundKey, $('sound').checked ? 'on' : 'off'));
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      $('login-error').textContent = '';
      const { status, data } = await call('POST', '/login', { name: $('login-name').value, token: $('login-token').value });
      $('login-token').value = '';
      if (status === 200) showConsole(data.name);
      else $('login-error').textContent = say(status === 429 ? 'tooManyAttempts' : 'signInRefused');
    });
    $('logout').addEventListener('click', async () => {
      await call('POST', '/logout', {});
      current = null;
      showLogin();
    });
    $('send-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      if (await act('/messages', { text: $('send-text').value })) $('send-text').value = '';
    });
    $('hand-back').addEventListener('click', () => act('/end', { mode: 'hand-back' }));
    $('close').addEventListener('click', () => act('/end', { mode: 'close' }));
    const me = await call('GET', '/me');
    if (me.status === 200) showConsole(me.data.name);
    else showLogin();
  });
})();
