"""What the email worker cannot do by itself (run every few minutes, e.g. from cron).

- Flags the emails a stopped worker left "being sent" as interrupted, for a coordinator to decide.
- Forgets the emails sent more than ``EMAIL_KEEP_SENT_DAYS`` ago (their rows name people).
- Queues a task for every email due and not sent: after a task backend that cannot wait (the
  immediate one) or a task row that was lost. Claiming a row makes a duplicate task harmless.
"""

from django.core.management.base import BaseCommand

from home.mail.outbox import enqueue_due, flag_interrupted, prune_sent


class Command(BaseCommand):
    help = "Flag interrupted emails and queue a delivery task for every email that is due."

    def handle(self, *args, **options):
        interrupted = flag_interrupted()
        queued = enqueue_due()
        pruned = prune_sent()
        self.stdout.write(
            f"{interrupted} interrupted email(s) flagged, {queued} email(s) queued for delivery, "
            f"{pruned} sent email(s) forgotten."
        )
