#include "cli/SendCommand.h"

#include "messaging/MessagingService.h"
#include "storage/Store.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace shopdesk {

void SendCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("conversation"), QStringLiteral("The conversation's id."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("text"), QStringLiteral("The message."), QStringLiteral("T")});
    parser.addOption({QStringLiteral("template"),
                      QStringLiteral("An approved template's name (outside the 24-hour window)."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("param"),
                      QStringLiteral("A template parameter (repeat in order)."),
                      QStringLiteral("VALUE")});
}

int SendCommand::run(const QCommandLineParser &parser)
{
    auto store = openStore(parser);
    if (!store)
        return fail(store.error());
    auto tenant = this->tenant(*store.value(), parser);
    if (!tenant)
        return fail(tenant.error());
    OutboundDraft draft;
    draft.tenantId = tenant->id;
    draft.conversationId = parser.value(QStringLiteral("conversation")).toLongLong();
    draft.author = Author::Human;
    draft.text = parser.value(QStringLiteral("text"));
    draft.templateName = parser.value(QStringLiteral("template"));
    draft.params = parser.values(QStringLiteral("param"));
    auto queued = MessagingService::enqueue(*store.value(), draft);
    if (!queued)
        return fail(queued.error());
    out() << QJsonDocument(QJsonObject{{QStringLiteral("message_id"), queued->message.id},
                                       {QStringLiteral("outbox_id"), queued->outboxId}})
                 .toJson(QJsonDocument::Compact)
          << '\n';
    return ExitOk;
}

} // namespace shopdesk
