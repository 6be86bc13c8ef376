'use server'

import { write } from '@/db'
import { refresh } from 'next/cache'
import { redirect } from 'next/navigation'
import { deleteContactMessage, getContactMessage, markContactMessage } from '@/db/queries/contact'
import { ActionRefusal, adminAction } from '@/lib/auth/guards'
import { t } from '@/lib/i18n/id'
import { markMessageInput, messageIdInput } from '@/lib/validation/inbox'

// Messages have no owner: the record only tells adminAction that the message exists.
const loadMessage = async ({ id }: { id: number }) => ((await getContactMessage(id)) ? { id, authorId: 0 } : null)

export const markMessageAction = adminAction({
  name: 'markMessage',
  permission: 'contact:manage',
  input: markMessageInput,
  load: loadMessage,
  run: async ({ handled }, { staff, record }) => {
    if (!(await write(() => markContactMessage(record.id, handled, staff.id)))) throw new ActionRefusal(t.admin.errors.notFound)
    refresh()
  },
})

export const deleteMessageAction = adminAction({
  name: 'deleteMessage',
  permission: 'contact:manage',
  input: messageIdInput,
  load: loadMessage,
  run: async (_input, { record }) => {
    if (!(await write(() => deleteContactMessage(record.id)))) throw new ActionRefusal(t.admin.errors.notFound)
    redirect('/admin/pesan?selesai=dihapus')
  },
})
