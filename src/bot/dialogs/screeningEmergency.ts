/**
 * Turn-state key under which the screening leaves the emergency result it stopped for, so that
 * `ScreeningSession.continue` can hand it to the bot (which offers a person, as outside the screening).
 * A module of its own: the session reads it without loading the dialogs.
 */
export const screeningEmergencyKey = Symbol('spineAssistant.screeningEmergency');
