import { countUnusedRecoveryCodes, getTwoFactorState } from '@/db/queries/two-factor'
import type { Staff } from '@/db/queries/users'
import { decryptTotpSecret, qrPath, totpUri } from '@/lib/auth/two-factor'
import { formatDateTime } from '@/lib/dates'
import { t } from '@/lib/i18n/id'
import type { DeskAction } from './desk-action'
import { type PendingSetup, TwoFactorDisableForm, TwoFactorSetup } from './two-factor'

const tf = t.admin.twoFactor

/** The person's two-factor state with what they can do about it (server side: reads the secret to draw the QR code). */
export async function TwoFactorSection({
  staff,
  required,
  actions,
  continueHref,
}: {
  staff: Staff
  required: boolean
  actions: { start: DeskAction; confirm: DeskAction<{ recoveryCodes: string[] }>; disable?: DeskAction }
  continueHref: string
}) {
  const state = await getTwoFactorState(staff.id)
  if (state?.enabledAt) {
    return (
      <div className="space-y-4">
        <p className="font-semibold">{tf.status(formatDateTime(state.enabledAt), await countUnusedRecoveryCodes(staff.id))}</p>
        {required ? <p className="text-sm text-muted">{tf.requiredCannotDisable}</p> : actions.disable ? <TwoFactorDisableForm action={actions.disable} /> : null}
      </div>
    )
  }
  let pending: PendingSetup | null = null
  if (state?.secret) {
    const secret = decryptTotpSecret(staff.id, state.secret)
    pending = { secret, qr: qrPath(totpUri(secret, staff.email ?? staff.name)) }
  }
  return (
    <div className="space-y-3">
      <p>{required ? tf.requiredIntro : tf.intro}</p>
      <TwoFactorSetup startAction={actions.start} confirmAction={actions.confirm} pending={pending} continueHref={continueHref} />
    </div>
  )
}
