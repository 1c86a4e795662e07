#include "owner/OwnerLine.h"

#include "owner/OwnerCommands.h"
#include "storage/Store.h"

#include <QRegularExpression>

namespace shopdesk {

namespace {

QString lastTen(QString phone)
{
    static const QRegularExpression notDigit(QStringLiteral("\\D"));
    return phone.remove(notDigit).right(10);
}

} // namespace

Result<bool> OwnerLine::isOwner(Store &store, qint64 tenantId, qint64 contactId,
                                const QMap<QString, QString> &settings)
{
    const QString numbers = settings.value(NumbersSetting).trimmed();
    if (numbers.isEmpty() || contactId <= 0)
        return false;
    auto contact = store.conversations().contact(tenantId, contactId);
    if (!contact)
        return Result<bool>::failure(contact.error(), contact.errorKind());
    const QString mine = lastTen(contact->phone);
    if (mine.size() < 7)
        return false;
    for (const QString &n :
         numbers.split(QRegularExpression(QStringLiteral("[,;\\n]")), Qt::SkipEmptyParts))
        if (lastTen(n) == mine)
            return true;
    return false;
}

Result<QString> OwnerLine::answer(Store &store, qint64 tenantId, QJsonObject &context,
                                  const QString &text, const QDateTime &now, QJsonObject &trace,
                                  const ProductMatcher *products)
{
    auto people = store.operators().list(tenantId);
    if (!people)
        return Result<QString>::failure(people.error(), people.errorKind());
    qint64 owner = 0;
    for (const Operator &op : people.value())
        if (op.role == OperatorRole::Owner && !op.disabled) {
            owner = op.id;
            break;
        }
    if (owner == 0)
        return QStringLiteral("This store has no owner's account in Shopdesk yet, so commands "
                              "from this number cannot be carried out.");
    auto reply = OwnerCommands::handle(store, tenantId, owner, OwnerContext::fromJson(context),
                                       text, now, products);
    if (!reply)
        return Result<QString>::failure(reply.error(), reply.errorKind());
    context = reply->context.toJson();
    trace.insert(QStringLiteral("owner_command"),
                 QJsonObject{{QStringLiteral("kind"), reply->kind},
                             {QStringLiteral("wrote"), reply->wrote}});
    return reply->text;
}

} // namespace shopdesk
