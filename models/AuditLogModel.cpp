#include "AuditLogModel.h"

#include "access/OperatorService.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace shopdesk {

AuditLogModel::AuditLogModel(OperatorService &operators, QObject *parent)
    : QAbstractTableModel(parent)
    , m_operators(operators)
{}

void AuditLogModel::load(qint64 tenantId, qint64 actorId, const AuditFilter &filter)
{
    const quint64 request = ++m_request;
    m_operators.auditLog(tenantId, actorId, filter, this,
                         [this, request](Result<QList<AuditEntry>> r) {
                             if (request != m_request)
                                 return;
                             if (!r) {
                                 Q_EMIT loadFailed(r.error());
                                 return;
                             }
                             beginResetModel();
                             m_entries = r.value();
                             endResetModel();
                             Q_EMIT loaded(int(m_entries.size()));
                         });
}

void AuditLogModel::clear()
{
    ++m_request;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

QString AuditLogModel::describe(const QString &action)
{
    static const QHash<QString, QString> words{
        {QStringLiteral("signin"), tr("Signed in")},
        {QStringLiteral("signin.failed"), tr("Wrong PIN or password")},
        {QStringLiteral("signin.remote"), tr("Signed in from another computer")},
        {QStringLiteral("conversation.takeover"), tr("Took over a chat")},
        {QStringLiteral("conversation.handback"), tr("Handed a chat back to the bot")},
        {QStringLiteral("conversation.assign"), tr("Gave a chat to someone")},
        {QStringLiteral("conversation.close"), tr("Closed a chat")},
        {QStringLiteral("conversation.reopen"), tr("Reopened a chat")},
        {QStringLiteral("conversation.send"), tr("Sent a message")},
        {QStringLiteral("conversation.label_add"), tr("Added a label")},
        {QStringLiteral("conversation.label_remove"), tr("Removed a label")},
        {QStringLiteral("operator.add"), tr("Added a person")},
        {QStringLiteral("operator.role"), tr("Changed a person's role")},
        {QStringLiteral("operator.disable"), tr("Switched an account off")},
        {QStringLiteral("operator.enable"), tr("Switched an account on")},
        {QStringLiteral("operator.secret_set"), tr("Set a PIN or password")},
        {QStringLiteral("operator.secret_removed"), tr("Removed a PIN")},
        {QStringLiteral("customer.export"), tr("Exported a customer's data")},
        {QStringLiteral("customer.erase"), tr("Erased a customer's data")},
        {QStringLiteral("customer.opt_out"), tr("A customer opted out")},
        {QStringLiteral("customer.opt_in"), tr("A customer opted back in")},
        {QStringLiteral("settings.change"), tr("Changed settings")},
        {QStringLiteral("channel.add"), tr("Added a WhatsApp channel")},
        {QStringLiteral("channel.change"), tr("Changed a WhatsApp channel")},
        {QStringLiteral("intents.change"), tr("Changed what the bot understands")},
        {QStringLiteral("knowledge.faq"), tr("Changed the FAQ")},
        {QStringLiteral("knowledge.passage"), tr("Changed a passage")},
        {QStringLiteral("knowledge.delete"), tr("Removed a document")},
        {QStringLiteral("knowledge.import"), tr("Imported documents")},
        {QStringLiteral("product.import"), tr("Imported products")},
        {QStringLiteral("product.delete"), tr("Removed products")},
        {QStringLiteral("order.update"), tr("Changed an order")},
        {QStringLiteral("reminder.cancel"), tr("Cancelled a payment reminder")},
        {QStringLiteral("retention.purge"), tr("Deleted old traces and logs")},
    };
    return words.value(action, action);
}

int AuditLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AuditLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return {};
    const AuditEntry &e = m_entries.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == What)
        return e.action;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case When:
        return QLocale().toString(e.createdAt.toLocalTime(), QLocale::ShortFormat);
    case Who:
        return e.operatorName.isEmpty() ? tr("(the engine)") : e.operatorName;
    case What:
        return describe(e.action);
    case Details: {
        // "conversation 12, from bot, to Priya": the JSON's fields in words.
        const QJsonObject o = QJsonDocument::fromJson(e.detail.toUtf8()).object();
        QStringList parts;
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString value = it.value().isString()
                                      ? it.value().toString()
                                      : QString::number(it.value().toDouble(), 'f', 0);
            if (!value.isEmpty())
                parts << it.key().replace(QLatin1Char('_'), QLatin1Char(' ')) + QLatin1Char(' ') +
                             value;
        }
        return parts.isEmpty() ? e.detail : parts.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant AuditLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case When:
        return tr("When");
    case Who:
        return tr("Who");
    case What:
        return tr("What");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

} // namespace shopdesk
