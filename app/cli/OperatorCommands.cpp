#include "cli/OperatorCommands.h"

#include "access/OperatorAccounts.h"
#include "access/PasswordHash.h"
#include "access/SignInPolicy.h"
#include "storage/Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace shopdesk {

namespace {

constexpr qint64 kCli = OperatorAccounts::kCommandLine;

Result<OperatorRole> roleNamed(const QString &text)
{
    const QString role = text.toLower();
    if (role != QLatin1String("owner") && role != QLatin1String("manager") &&
        role != QLatin1String("agent"))
        return Result<OperatorRole>::failure(
            QStringLiteral("The role must be owner, manager or agent, not \"%1\".").arg(text));
    return operatorRoleFromString(role);
}

QJsonObject toJson(const Operator &op)
{
    return {{QStringLiteral("id"), op.id},
            {QStringLiteral("name"), op.name},
            {QStringLiteral("role"), toText(op.role)},
            {QStringLiteral("has_secret"), op.hasSecret},
            {QStringLiteral("disabled"), op.disabled},
            {QStringLiteral("last_signin_at"),
             op.lastSignInAt.isValid() ? op.lastSignInAt.toString(Qt::ISODate) : QString()}};
}

} // namespace

OperatorCommand::OperatorCommand(Action action)
    : m_action(action)
{}

QString OperatorCommand::name() const
{
    switch (m_action) {
    case Action::Add:
        return QStringLiteral("operator add");
    case Action::List:
        return QStringLiteral("operator list");
    case Action::Role:
        return QStringLiteral("operator role");
    case Action::Password:
        return QStringLiteral("operator password");
    case Action::Disable:
        return QStringLiteral("operator disable");
    case Action::Enable:
        break;
    }
    return QStringLiteral("operator enable");
}

QString OperatorCommand::description() const
{
    switch (m_action) {
    case Action::Add:
        return QStringLiteral("Add a person who works in the console (owner, manager, agent).");
    case Action::List:
        return QStringLiteral("List a store's operators, their roles and sign-in.");
    case Action::Role:
        return QStringLiteral("Change an operator's role.");
    case Action::Password:
        return QStringLiteral("Set an operator's password or PIN (read from standard input).");
    case Action::Disable:
        return QStringLiteral("Switch an operator's account off (they can no longer sign in).");
    case Action::Enable:
        break;
    }
    return QStringLiteral("Switch an operator's account back on.");
}

void OperatorCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    if (m_action == Action::List) {
        parser.addOption({QStringLiteral("json"), QStringLiteral("Print the operators as JSON.")});
        return;
    }
    parser.addOption(
        {QStringLiteral("name"), QStringLiteral("The person's name."), QStringLiteral("NAME")});
    if (m_action == Action::Add || m_action == Action::Role)
        parser.addOption({QStringLiteral("role"),
                          QStringLiteral("owner, manager or agent (default)."),
                          QStringLiteral("ROLE"), QStringLiteral("agent")});
    if (m_action == Action::Add) {
        parser.addOption({QStringLiteral("email"), QStringLiteral("Their e-mail (optional)."),
                          QStringLiteral("EMAIL")});
        parser.addOption({QStringLiteral("password-stdin"),
                          QStringLiteral("Read their password or PIN from standard input.")});
    }
    if (m_action == Action::Password)
        parser.addOption({QStringLiteral("remove"),
                          QStringLiteral("Remove the PIN instead (one computer only).")});
}

Result<QString> OperatorCommand::passwordFromStdin(bool shared) const
{
    QTextStream in(stdin);
    const QString secret = in.readLine();
    if (secret.isEmpty())
        return Result<QString>::failure(
            QStringLiteral("Write the password on standard input (for example: echo … | "
                           "shopdesk-cli %1 …).")
                .arg(name()));
    const QString problem = SignInPolicy::problemWith(secret, shared);
    if (!problem.isEmpty())
        return Result<QString>::failure(problem);
    return PasswordHash::hash(secret);
}

int OperatorCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    Store &store = *open->store;
    const qint64 tenantId = open->tenant.id;
    switch (m_action) {
    case Action::Add:
        return add(store, tenantId, parser);
    case Action::List:
        return list(store, tenantId, parser);
    default:
        break;
    }
    return change(store, tenantId, parser);
}

int OperatorCommand::add(Store &store, qint64 tenantId, const QCommandLineParser &parser)
{
    auto role = roleNamed(parser.value(QStringLiteral("role")));
    if (!role)
        return fail(role.error());
    QString hash;
    if (parser.isSet(QStringLiteral("password-stdin"))) {
        auto hashed = passwordFromStdin(OperatorAccounts::sharedMode(store));
        if (!hashed)
            return fail(hashed.error());
        hash = hashed.value();
    }
    Operator op;
    op.name = parser.value(QStringLiteral("name"));
    op.email = parser.value(QStringLiteral("email"));
    op.role = role.value();
    auto added = OperatorAccounts::add(store, tenantId, kCli, op, hash);
    if (!added)
        return fail(added.error());
    out() << "Added " << added->name << " (" << toText(added->role) << ").\n";
    if (OperatorAccounts::sharedMode(store) && hash.isEmpty())
        err() << "They cannot sign in until they have a password: shopdesk-cli operator password "
                 "--tenant "
              << parser.value(QStringLiteral("tenant")) << " --name \"" << added->name << "\"\n";
    return ExitOk;
}

int OperatorCommand::list(Store &store, qint64 tenantId, const QCommandLineParser &parser)
{
    auto operators = store.operators().list(tenantId);
    if (!operators)
        return fail(operators.error());
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Operator &op : operators.value())
            array.append(toJson(op));
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return ExitOk;
    }
    for (const Operator &op : operators.value())
        out() << op.name.leftJustified(24) << toText(op.role).leftJustified(9)
              << (op.disabled    ? "switched off"
                  : op.hasSecret ? "signs in with a secret"
                                 : "no PIN")
              << '\n';
    return ExitOk;
}

int OperatorCommand::change(Store &store, qint64 tenantId, const QCommandLineParser &parser)
{
    auto target = store.operators().findByName(tenantId, parser.value(QStringLiteral("name")));
    if (!target)
        return fail(target.error());
    const qint64 id = target->id;
    Status done = success();
    switch (m_action) {
    case Action::Role: {
        auto role = roleNamed(parser.value(QStringLiteral("role")));
        if (!role)
            return fail(role.error());
        done = OperatorAccounts::setRole(store, tenantId, kCli, id, role.value());
        break;
    }
    case Action::Password: {
        QString hash;
        if (!parser.isSet(QStringLiteral("remove"))) {
            auto hashed = passwordFromStdin(OperatorAccounts::sharedMode(store));
            if (!hashed)
                return fail(hashed.error());
            hash = hashed.value();
        }
        done = OperatorAccounts::setSecretHash(store, tenantId, kCli, id, hash);
        break;
    }
    case Action::Disable:
    case Action::Enable:
        done =
            OperatorAccounts::setDisabled(store, tenantId, kCli, id, m_action == Action::Disable);
        break;
    default:
        break;
    }
    if (!done)
        return fail(done.error());
    out() << "Done: " << target->name << ".\n";
    return ExitOk;
}

void AuditCommand::addOptions(QCommandLineParser &parser)
{
    addTenantOption(parser);
    parser.addOption({QStringLiteral("operator"), QStringLiteral("Only what this person did."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("action"),
                      QStringLiteral("Only actions starting so (signin, conversation., …)."),
                      QStringLiteral("PREFIX")});
    parser.addOption({QStringLiteral("since"), QStringLiteral("From this day (YYYY-MM-DD)."),
                      QStringLiteral("DATE")});
    parser.addOption({QStringLiteral("limit"), QStringLiteral("At most this many lines."),
                      QStringLiteral("N"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print the lines as JSON.")});
}

int AuditCommand::run(const QCommandLineParser &parser)
{
    auto open = openTenant(parser);
    if (!open)
        return fail(open.error());
    Store &store = *open->store;
    AuditFilter filter;
    filter.limit = parser.value(QStringLiteral("limit")).toInt();
    filter.actionPrefix = parser.value(QStringLiteral("action"));
    if (parser.isSet(QStringLiteral("operator"))) {
        auto who =
            store.operators().findByName(open->tenant.id, parser.value(QStringLiteral("operator")));
        if (!who)
            return fail(who.error());
        filter.operatorId = who->id;
    }
    if (parser.isSet(QStringLiteral("since"))) {
        const QDate day = QDate::fromString(parser.value(QStringLiteral("since")), Qt::ISODate);
        if (!day.isValid())
            return fail(QStringLiteral("--since needs a date like 2026-12-01."));
        filter.from = day.startOfDay(Qt::UTC);
    }
    auto log = OperatorAccounts::auditLog(store, open->tenant.id, kCli, filter);
    if (!log)
        return fail(log.error());
    QJsonArray array;
    for (const AuditEntry &e : log.value()) {
        const QString who = e.operatorName.isEmpty() ? QStringLiteral("-") : e.operatorName;
        if (parser.isSet(QStringLiteral("json")))
            array.append(QJsonObject{{QStringLiteral("at"), e.createdAt.toString(Qt::ISODate)},
                                     {QStringLiteral("operator"), who},
                                     {QStringLiteral("action"), e.action},
                                     {QStringLiteral("detail"), e.detail}});
        else
            out() << e.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  << "  " << who.leftJustified(16) << e.action.leftJustified(26) << e.detail
                  << '\n';
    }
    if (parser.isSet(QStringLiteral("json")))
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    return ExitOk;
}

} // namespace shopdesk
