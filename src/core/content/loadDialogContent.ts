import { join } from 'node:path';
import { repliesSchema, smalltalkSchema, type Replies, type Smalltalk } from './dialogSchemas';
import { readContentFile } from './readContentFile';

/** The wording the answer engine and its formatters use, from `dialogs/`. */
export interface DialogContent {
  smalltalk: Smalltalk;
  replies: Replies;
}

/** Loads and validates the answer wording in `dialogs/`. */
export function loadDialogContent(dialogsDir: string): DialogContent {
  return {
    smalltalk: readContentFile(join(dialogsDir, 'smalltalk.json'), smalltalkSchema),
    replies: readContentFile(join(dialogsDir, 'replies.json'), repliesSchema),
  };
}
