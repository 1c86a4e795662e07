#include "cli/ConversationCommands.h"

#include "conversation/ConversationActions.h"
#include "messaging/PhoneAddress.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace shopdesk {

namespace {

void addChatOptions(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("conversation"), QStringLiteral("The chat's number."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("operator"),
                      QStringLiteral("Who does it: an operator's name (see operator list)."),
                      QStringLiteral("NAME")});
}

Result<qint64> operatorNamed(Store &store, qint64 tenantId, const QString &name)
{
    if (name.trimmed().isEmpty())
        return Result<qint64>::failure(
            QStringLiteral("Say who you are with --operator NAME (see operator list)."));
    auto operators = store.operators().list(tenantId);
    if (!operators)
        return Result<qint64>::failure(operators.error());
    for (const Operator &op : operators.value())
        if (op.name.compare(name.trimmed(), Qt::CaseInsensitive) == 0)
            return op.id;
    return Result<qint64>::failure(
        QStringLiteral("There is no operator called \"%1\" in this store; add one with "
                       "operator add.")
            .arg(name.trimmed()));
}

QJsonObject summaryJson(const ConversationSummary &s)
{
    const Conversation &c = s.conversation;
    QJsonObject o{
        {QStringLiteral("id"), c.id},
        {QStringLiteral("customer"), s.contactName},
        {QStringLiteral("phone"), s.contactPhone},
        {QStringLiteral("owner"), toText(c.owner)},
        {QStringLiteral("needs_human"), c.needsHuman},
        {QStringLiteral("labels"), QJsonArray::fromStringList(c.labels)},
        {QStringLiteral("last_message_at"), c.lastMessageAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("preview"), s.lastMessagePreview}};
    if (c.owner == OwnerKind::Human)
        o.insert(QLatin1String("owner_name"),
                 s.ownerName.isEmpty() ? QStringLiteral("the store's phone") : s.ownerName);
    if (c.needsHuman) {
        o.insert(QLatin1String("reason"), c.escalationReason);
        o.insert(QLatin1String("waiting_since"),
                 c.needsHumanSince.toUTC().toString(Qt::ISODateWithMs));
    }
    if (c.owner == OwnerKind::Closed && !c.closedReason.isEmpty())
        o.insert(QLatin1String("closed_reason"), c.closedReason);
    return o;
}

QString ownerLine(const QJsonObject &o)
{
    const QString owner = o.value(QLatin1String("owner")).toString();
    if (owner == QLatin1String("human"))
        return o.value(QLatin1String("owner_name")).toString();
    return owner;
}

} // namespace

void ConversationListCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("needs-human"),
                      QStringLiteral("Only chats waiting for a person, longest wait first.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the chats as JSON.")});
}

int ConversationListCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    auto summaries = open->store->conversations().summaries(open->tenant.id, 100000);
    if (!summaries)
        return fail(summaries.error());
    QList<ConversationSummary> list = summaries.value();
    if (parser.isSet(QStringLiteral("needs-human"))) {
        list.removeIf([](const ConversationSummary &s) { return !s.conversation.needsHuman; });
        std::stable_sort(list.begin(), list.end(),
                         [](const ConversationSummary &a, const ConversationSummary &b) {
                             return a.conversation.needsHumanSince < b.conversation.needsHumanSince;
                         });
    }
    QJsonArray array;
    for (const ConversationSummary &s : std::as_const(list))
        array.append(summaryJson(s));
    if (parser.isSet(QStringLiteral("json"))) {
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    for (const QJsonValue &v : std::as_const(array)) {
        const QJsonObject o = v.toObject();
        const QString who = o.value(QLatin1String("customer")).toString();
        out() << "#" << QString::number(o.value(QLatin1String("id")).toInteger()).leftJustified(6)
              << (who.isEmpty() ? PhoneAddress::display(o.value(QLatin1String("phone")).toString())
                                : who)
                     .leftJustified(24)
              << ownerLine(o).leftJustified(18);
        if (o.value(QLatin1String("needs_human")).toBool())
            out() << "needs a person since " << o.value(QLatin1String("waiting_since")).toString()
                  << ": " << o.value(QLatin1String("reason")).toString();
        else
            out() << o.value(QLatin1String("preview")).toString().simplified().left(60);
        out() << '\n';
    }
    return ExitOk;
}

QString ConversationOwnerCommand::description() const
{
    if (m_action == QLatin1String("takeover"))
        return QStringLiteral("Take a chat from the bot: the bot goes silent in it at once.");
    if (m_action == QLatin1String("handback"))
        return QStringLiteral("Give a chat back to the bot; it answers the next message.");
    if (m_action == QLatin1String("close"))
        return QStringLiteral("Close a chat (a customer who writes again reopens it).");
    if (m_action == QLatin1String("reopen"))
        return QStringLiteral("Reopen a closed chat to the bot.");
    return QStringLiteral("Give a chat to an operator (--to NAME).");
}

void ConversationOwnerCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    addChatOptions(parser);
    if (m_action == QLatin1String("close"))
        parser.addOption({QStringLiteral("reason"), QStringLiteral("Why the chat is closed."),
                          QStringLiteral("TEXT")});
    if (m_action == QLatin1String("assign"))
        parser.addOption(
            {QStringLiteral("to"), QStringLiteral("Who gets the chat."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the chat as JSON.")});
}

int ConversationOwnerCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    Store &store = *open->store;
    const qint64 tenantId = open->tenant.id;
    auto who = operatorNamed(store, tenantId, parser.value(QStringLiteral("operator")));
    if (!who)
        return fail(who.error());
    const qint64 id = parser.value(QStringLiteral("conversation")).toLongLong();
    if (id <= 0)
        return fail(
            QStringLiteral("Say which chat with --conversation ID (see conversation list)."));
    Result<OwnershipChange> done = Result<OwnershipChange>::failure(QString());
    if (m_action == QLatin1String("takeover")) {
        done = ConversationActions::takeOver(store, tenantId, id, who.value());
    } else if (m_action == QLatin1String("handback")) {
        done = ConversationActions::handBack(store, tenantId, id, who.value());
    } else if (m_action == QLatin1String("close")) {
        done = ConversationActions::close(store, tenantId, id, who.value(),
                                          parser.value(QStringLiteral("reason")));
    } else if (m_action == QLatin1String("reopen")) {
        done = ConversationActions::reopen(store, tenantId, id, who.value());
    } else {
        auto to = operatorNamed(store, tenantId, parser.value(QStringLiteral("to")));
        if (!to)
            return fail(to.error());
        done = ConversationActions::assign(store, tenantId, id, who.value(), to.value());
    }
    if (!done)
        return fail(done.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o{{QStringLiteral("id"), id},
                      {QStringLiteral("owner"), toText(done->after.owner)},
                      {QStringLiteral("changed"), done->changed}};
        if (!done->lines.isEmpty())
            o.insert(QLatin1String("line"), done->lines.first().body);
        out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    out() << (done->changed ? done->lines.first().body
                            : QStringLiteral("Nothing to do: the chat already is so."))
          << '\n';
    return ExitOk;
}

void ConversationNoteCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    addChatOptions(parser);
}

int ConversationNoteCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    auto who =
        operatorNamed(*open->store, open->tenant.id, parser.value(QStringLiteral("operator")));
    if (!who)
        return fail(who.error());
    auto note = ConversationActions::addNote(
        *open->store, open->tenant.id, parser.value(QStringLiteral("conversation")).toLongLong(),
        who.value(), parser.positionalArguments().join(QLatin1Char(' ')));
    if (!note)
        return fail(note.error());
    out() << "Note " << note->id << " added; the customer does not see it.\n";
    return ExitOk;
}

void LabelCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    addChatOptions(parser);
}

int LabelCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    auto who =
        operatorNamed(*open->store, open->tenant.id, parser.value(QStringLiteral("operator")));
    if (!who)
        return fail(who.error());
    auto labelled = ConversationActions::setLabel(
        *open->store, open->tenant.id, parser.value(QStringLiteral("conversation")).toLongLong(),
        who.value(), parser.positionalArguments().join(QLatin1Char(' ')), m_add);
    if (!labelled)
        return fail(labelled.error());
    out() << "Labels: "
          << (labelled->labels.isEmpty() ? QStringLiteral("none")
                                         : labelled->labels.join(QStringLiteral(", ")))
          << '\n';
    return ExitOk;
}

} // namespace shopdesk
