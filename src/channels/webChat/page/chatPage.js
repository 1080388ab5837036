/*
 * Spine Assistant: starts Web Chat on the page. Served as a file (the page's Content-Security-Policy
 * allows no inline script). Asks our server for a Direct Line token, then renders Web Chat with it.
 * The nonce on this script element is the page's style nonce: Web Chat gives it to the <style>
 * elements it creates, so the policy needs no 'unsafe-inline' for styles.
 */
(function () {
  'use strict';

  var tokenUrl = '/api/directline/token';
  var script = document.currentScript;
  var styleNonce = (script && script.nonce) || undefined;
  var locale = document.documentElement.lang || 'en-US';

  /** DirectLineJS connection states after which this conversation cannot go on. */
  var expiredToken = 3;
  var failedToConnect = 4;
  var ended = 5;

  var statusText = document.getElementById('chat-status-text');
  var retryButton = document.getElementById('chat-retry');
  var container = document.getElementById('webchat');

  /** Web Chat's look: large enough targets, readable contrast, no upload button (nothing to upload). */
  var styleOptions = {
    accent: '#0b5394',
    primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSizeSmall: '80%',
    bubbleBorderRadius: 10,
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserBackground: '#0b5394',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderColor: '#0b5394',
    bubbleBorderColor: '#d0d7de',
    bubbleMaxWidth: 640,
    hideUploadButton: true,
    sendBoxTextWrap: true,
    sendBoxHeight: 48,
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 22,
    suggestedActionTextColor: '#083b6a',
    suggestedActionBorderColor: '#0b5394',
    transcriptVisualKeyboardIndicatorColor: '#ffbf47',
    paddingRegular: 10,
  };

  /**
   * Once the patient has sent something, the page marks itself as started: the header and the
   * disclaimer then take less room (chatPage.css), leaving it to the conversation.
   */
  function markStartedMiddleware() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/POST_ACTIVITY') document.body.classList.add('chat-started');
        return next(action);
      };
    };
  }

  /** The running conversation: its Direct Line connection and our subscription to its status. */
  var current = null;

  function showStatus(message, buttonLabel) {
    statusText.textContent = message;
    retryButton.hidden = !buttonLabel;
    if (buttonLabel) retryButton.textContent = buttonLabel;
  }

  function stopConversation() {
    if (!current) return;
    current.subscription.unsubscribe();
    current.directLine.end();
    current = null;
  }

  /** An expired token (e.g. after the computer slept) or a conversation the server dropped cannot resume. */
  function watchConnection(directLine) {
    return directLine.connectionStatus$.subscribe(function (status) {
      if (status === expiredToken || status === failedToConnect || status === ended) {
        showStatus('This conversation has ended. You can start a new one.', 'Start a new conversation');
      }
    });
  }

  function fetchSession() {
    return fetch(tokenUrl, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
    }).then(function (response) {
      if (!response.ok) throw new Error('token request failed with HTTP ' + response.status);
      return response.json();
    });
  }

  function start() {
    stopConversation();
    document.body.classList.remove('chat-started');
    showStatus('Connecting to the assistant…');
    if (!window.WebChat) {
      showStatus('Sorry, the chat could not load. Please reload the page.');
      return;
    }
    fetchSession()
      .then(function (session) {
        var directLine = window.WebChat.createDirectLine({
          token: session.token,
          domain: new URL(session.domain, window.location.href).href,
          webSocket: session.webSocket === true,
        });
        current = { directLine: directLine, subscription: watchConnection(directLine) };
        window.WebChat.renderWebChat(
          {
            directLine: directLine,
            // A new store per conversation, so a restarted conversation starts with an empty transcript.
            store: window.WebChat.createStore({}, markStartedMiddleware),
            locale: locale,
            nonce: styleNonce,
            role: 'region',
            styleOptions: styleOptions,
          },
          container,
        );
        showStatus('');
      })
      .catch(function () {
        showStatus('Sorry, the chat could not connect. Please try again in a moment.', 'Try again');
      });
  }

  retryButton.addEventListener('click', start);
  start();
})();
