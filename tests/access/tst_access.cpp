// Operators, roles, sign-in and the audit log in the engine, on SQLite and PostgreSQL: each
// role's refusals (checked by the engine, not a widget), sign-in with a PIN or password, wrong
// tries counted and locking, shared mode requiring a password, the audit entries of each
// action, and an audit log that the database itself refuses to change.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "access/OperatorAccounts.h"
#include "access/OperatorService.h"
#include "access/PasswordHash.h"
#include "access/SignInPolicy.h"
#include "catalog/CatalogService.h"
#include "conversation/ConversationActions.h"
#include "knowledge/KnowledgeEditService.h"
#include "knowledge/KnowledgeImport.h"
#include "knowledge/KnowledgeSettings.h"
#include "messaging/ChannelService.h"
#include "settings/StoreSettingsService.h"
#include "storage/SqlSupport.h"
#include "storage/Store.h"
#include "storage/StoreWorker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class AccessTest : public QObject
{
    Q_OBJECT

    test::TestDatabases m_databases;
    DatabaseUrl m_url;
    std::unique_ptr<Store> m_store;
    qint64 m_tenant = 0;
    qint64 m_other = 0; // a second store
    qint64 m_owner = 0, m_manager = 0, m_agent = 0, m_stranger = 0;
    qint64 m_chat = 0;

    bool shared() const { return m_store->isPostgres(); }
    QString secretFor(const QString &name) const { return name + QStringLiteral("-pass-1234"); }

    qint64 addPerson(qint64 tenant, qint64 actor, const QString &name, OperatorRole role)
    {
        Operator op;
        op.name = name;
        op.role = role;
        auto hash = PasswordHash::hash(secretFor(name));
        if (!hash)
            return 0;
        auto added = OperatorAccounts::add(*m_store, tenant, actor, op, hash.value());
        return added ? added.value().id : 0;
    }
    QStringList actions(qint64 operatorId = 0)
    {
        AuditFilter f;
        f.operatorId = operatorId;
        auto log = m_store->audit().entries(m_tenant, f);
        QStringList out;
        for (const AuditEntry &e : log ? log.value() : QList<AuditEntry>{})
            out.prepend(e.action);
        return out;
    }
    static bool forbidden(const auto &result)
    {
        return !result && result.errorKind() == ErrorKind::Forbidden;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(PasswordHash::hash(QStringLiteral("x")).ok());
        m_url = m_databases.fresh();
        QVERIFY2(m_databases.lastError().isEmpty(), qPrintable(m_databases.lastError()));
        SD_TAKE(store, Store::open(m_url));
        m_store = std::move(store);
        SD_TAKE(t,
                m_store->tenants().addTenant(QStringLiteral("corner"), QStringLiteral("Corner")));
        SD_TAKE(o, m_store->tenants().addTenant(QStringLiteral("other"), QStringLiteral("Other")));
        m_tenant = t.id;
        m_other = o.id;
        // The first person added to a store becomes its owner, whatever was asked.
        m_owner = addPerson(m_tenant, 0, QStringLiteral("Meena"), OperatorRole::Agent);
        QVERIFY(m_owner > 0);
        SD_TAKE(owner, m_store->operators().find(m_tenant, m_owner));
        QCOMPARE(owner.role, OperatorRole::Owner);
        m_manager = addPerson(m_tenant, m_owner, QStringLiteral("Raj"), OperatorRole::Manager);
        m_agent = addPerson(m_tenant, m_owner, QStringLiteral("Priya"), OperatorRole::Agent);
        m_stranger = addPerson(m_other, 0, QStringLiteral("Sunil"), OperatorRole::Owner);
        QVERIFY(m_manager > 0 && m_agent > 0 && m_stranger > 0);
        SD_TAKE(contact, m_store->conversations().upsertContact(
                             m_tenant, QStringLiteral("919800000001"), QStringLiteral("Asha")));
        Channel phone;
        phone.provider = QStringLiteral("simulator");
        phone.name = QStringLiteral("Test phone");
        SD_TAKE(channel, m_store->channels().addChannel(m_tenant, phone));
        SD_TAKE(chat, m_store->conversations().openConversation(m_tenant, contact.id, channel.id));
        m_chat = chat.id;
        Message hello;
        hello.conversationId = m_chat;
        hello.direction = Direction::Inbound;
        hello.author = Author::Customer;
        hello.body = QStringLiteral("Where is my refund?");
        SD_VERIFY_OK(m_store->conversations().appendMessage(m_tenant, hello));
    }

    void onlyAnOwnerAddsPeople()
    {
        Operator op;
        op.name = QStringLiteral("Ghost");
        op.role = OperatorRole::Owner;
        const QString hash = PasswordHash::hash(secretFor(op.name)).value();
        QVERIFY(forbidden(OperatorAccounts::add(*m_store, m_tenant, m_agent, op, hash)));
        QVERIFY(forbidden(OperatorAccounts::add(*m_store, m_tenant, m_manager, op, hash)));
        // An owner of another store is nobody here.
        QVERIFY(forbidden(OperatorAccounts::add(*m_store, m_tenant, m_stranger, op, hash)));
        SD_TAKE(list, m_store->operators().list(m_tenant));
        QCOMPARE(list.size(), 3);
        QVERIFY(forbidden(
            OperatorAccounts::setRole(*m_store, m_tenant, m_agent, m_agent, OperatorRole::Owner)));
        SD_TAKE(agent, m_store->operators().find(m_tenant, m_agent));
        QCOMPARE(agent.role, OperatorRole::Agent);
    }

    void eachRoleIsRefusedWhatItMayNotDo()
    {
        // An agent works chats…
        SD_VERIFY_OK(ConversationActions::takeOver(*m_store, m_tenant, m_chat, m_agent));
        SD_VERIFY_OK(ConversationActions::addNote(*m_store, m_tenant, m_chat, m_agent,
                                                  QStringLiteral("Asked for a refund")));
        SD_VERIFY_OK(ConversationActions::handBack(*m_store, m_tenant, m_chat, m_agent));
        // …but reads no audit log; a manager does, and manages nobody; the owner does both.
        QVERIFY(forbidden(OperatorAccounts::auditLog(*m_store, m_tenant, m_agent, {})));
        SD_VERIFY_OK(OperatorAccounts::auditLog(*m_store, m_tenant, m_manager, {}));
        QVERIFY(
            forbidden(OperatorAccounts::setDisabled(*m_store, m_tenant, m_manager, m_agent, true)));
        // Somebody from another store touches nothing here.
        QVERIFY(forbidden(ConversationActions::takeOver(*m_store, m_tenant, m_chat, m_stranger)));
        QVERIFY(forbidden(ConversationActions::setLabel(*m_store, m_tenant, m_chat, m_stranger,
                                                        QStringLiteral("vip"), true)));
        QVERIFY(forbidden(OperatorAccounts::auditLog(*m_store, m_tenant, m_stranger, {})));
        // A switched-off account can do nothing.
        SD_VERIFY_OK(OperatorAccounts::setDisabled(*m_store, m_tenant, m_owner, m_agent, true));
        QVERIFY(forbidden(ConversationActions::takeOver(*m_store, m_tenant, m_chat, m_agent)));
        QVERIFY(forbidden(OperatorAccounts::signIn(*m_store, m_tenant, m_agent,
                                                   secretFor(QStringLiteral("Priya")))));
        SD_VERIFY_OK(OperatorAccounts::setDisabled(*m_store, m_tenant, m_owner, m_agent, false));
        SD_TAKE(chat, m_store->conversations().conversation(m_tenant, m_chat));
        QCOMPARE(chat.owner, OwnerKind::Bot);
    }

    void onlyAManagerOrTheOwnerChangesStock()
    {
        Product milk;
        milk.sku = QStringLiteral("MILK-1");
        milk.name = QStringLiteral("Milk 1 L");
        milk.priceMinor = 6000;
        milk.stock = 10;
        QVERIFY(forbidden(CatalogService::upsertProducts(*m_store, m_tenant, m_agent, {milk})));
        QVERIFY(forbidden(CatalogService::upsertProducts(*m_store, m_tenant, m_stranger, {milk})));
        SD_TAKE(none, m_store->catalog().products(m_tenant));
        QVERIFY(none.isEmpty());
        SD_TAKE(added, CatalogService::upsertProducts(*m_store, m_tenant, m_manager, {milk}));
        QCOMPARE(added, 1);
        QVERIFY(forbidden(CatalogService::deleteProducts(*m_store, m_tenant, m_agent,
                                                         {QStringLiteral("MILK-1")})));
        SD_TAKE(still, m_store->catalog().products(m_tenant));
        QCOMPARE(still.size(), 1);
        SD_VERIFY_OK(CatalogService::deleteProducts(*m_store, m_tenant, m_owner,
                                                    {QStringLiteral("MILK-1")}));
        const QStringList raj = actions(m_manager);
        QVERIFY2(raj.contains(QStringLiteral("product.import")), qPrintable(raj.join(u',')));
        QVERIFY(actions(m_owner).contains(QStringLiteral("product.delete")));
        QVERIFY(!actions(m_agent).contains(QStringLiteral("product.import")));
    }

    void knowledgeIsAManagersAndTheModelTheOwners()
    {
        const QString threshold = KnowledgeSettings::kThresholdKey;
        QVERIFY(forbidden(KnowledgeEditService::saveSettings(
            *m_store, m_tenant, m_agent, {{threshold, QStringLiteral("0.6")}})));
        SD_VERIFY_OK(KnowledgeEditService::saveSettings(*m_store, m_tenant, m_manager,
                                                        {{threshold, QStringLiteral("0.6")}}));
        const QString endpoint = QStringLiteral(
            "{\"base_url\":\"http://127.0.0.1:9/v1\",\"model\":\"m\",\"api_key\":\"k\"}");
        // The model's endpoint and key: the owner only, even when saved beside the threshold.
        QVERIFY(forbidden(KnowledgeEditService::saveSettings(
            *m_store, m_tenant, m_manager,
            {{threshold, QStringLiteral("0.6")}, {KnowledgeSettings::kChatKey, endpoint}})));
        SD_VERIFY_OK(KnowledgeEditService::saveSettings(
            *m_store, m_tenant, m_owner,
            {{threshold, QStringLiteral("0.6")}, {KnowledgeSettings::kChatKey, endpoint}}));
        // Unchanged values are not the model's owner's business: a manager saves the form again.
        SD_VERIFY_OK(KnowledgeEditService::saveSettings(
            *m_store, m_tenant, m_manager,
            {{threshold, QStringLiteral("0.55")}, {KnowledgeSettings::kChatKey, endpoint}}));
        SD_TAKE(saved, m_store->tenants().setting(m_tenant, threshold));
        QCOMPARE(saved, QStringLiteral("0.55"));
        QVERIFY(actions(m_manager).contains(QStringLiteral("settings.change")));
    }

    void eachSettingIsCheckedForWhoMayChangeIt()
    {
        using S = StoreSettingsService;
        const S::Values reply{{QStringLiteral("templates.greeting"), QStringLiteral("Namaste!")}};
        const S::Values profile{{QStringLiteral("store.address"), QStringLiteral("MG Road 4")}};
        const S::Values url{
            {QStringLiteral("webhooks.public_url"), QStringLiteral("https://x.in")}};
        // Reply texts, intents and the inbox: a manager's. The store's profile and its public
        // address: the owner's. An agent neither.
        QVERIFY(forbidden(S::save(*m_store, m_tenant, m_agent, reply)));
        SD_VERIFY_OK(S::save(*m_store, m_tenant, m_manager, reply));
        QVERIFY(forbidden(S::save(*m_store, m_tenant, m_manager, profile)));
        QVERIFY(forbidden(S::save(*m_store, m_tenant, m_manager, url)));
        QVERIFY(forbidden(S::save(*m_store, m_tenant, m_stranger, // another store's owner
                                  {{QStringLiteral("templates.greeting"), QStringLiteral("Yo")}})));
        SD_VERIFY_OK(S::save(*m_store, m_tenant, m_owner, profile));
        // All or none: the manager's allowed change is not written beside the refused one.
        QVERIFY(
            forbidden(S::save(*m_store, m_tenant, m_manager,
                              {{QStringLiteral("templates.greeting"), QStringLiteral("Hi")},
                               {QStringLiteral("store.address"), QStringLiteral("Elsewhere")}})));
        SD_TAKE(greeting,
                m_store->tenants().setting(m_tenant, QStringLiteral("templates.greeting")));
        QCOMPARE(greeting, QStringLiteral("Namaste!"));
        QCOMPARE(S::permissionFor(QStringLiteral("agent.model")), Permission::ManageModel);
        QCOMPARE(S::permissionFor(QStringLiteral("inbox.labels")), Permission::EditReplies);
        QCOMPARE(S::permissionFor(QStringLiteral("persona.name")), Permission::ManageSettings);
        // Audited by key, never by value.
        auto log = m_store->audit().entries(m_tenant, {});
        QVERIFY(log);
        bool named = false;
        for (const AuditEntry &e : log.value()) {
            if (e.action != QLatin1String("settings.change"))
                continue;
            QVERIFY(!e.detail.contains(QLatin1String("MG Road")));
            named = named || e.detail.contains(QLatin1String("store.address"));
        }
        QVERIFY(named);
    }

    void channelsAndIntentsAreCheckedOnTheDatabaseThread()
    {
        m_store.reset();
        StoreWorker worker(m_url);
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QVERIFY(ready.wait(20000));
        ChannelService channels(worker);
        StoreSettingsService settings(worker);
        Channel c;
        c.provider = QStringLiteral("simulator");
        c.name = QStringLiteral("Counter phone");
        const auto save = [&](qint64 actor) {
            return test::answerOf<Channel>(
                [&](auto done) { channels.save(m_tenant, actor, c, this, std::move(done)); });
        };
        QVERIFY(forbidden(save(m_manager)));
        SD_TAKE(added, save(m_owner));
        QVERIFY(added.id > 0);
        QVERIFY(forbidden(test::answerOf<Done>([&](auto done) {
            channels.setPublicUrl(m_tenant, m_manager, QStringLiteral("https://shop.in"), this,
                                  std::move(done));
        })));
        const IntentExamples mine{{QStringLiteral("udhaar kitna hai"), QStringLiteral("balance")}};
        const auto intents = [&](qint64 actor) {
            return test::answerOf<Done>([&](auto done) {
                settings.saveIntentExamples(m_tenant, actor, mine, QStringLiteral("0.40"), this,
                                            std::move(done));
            });
        };
        QVERIFY(forbidden(intents(m_agent)));
        SD_VERIFY_OK(intents(m_manager));
        SD_TAKE(setup, test::answerOf<StoreSettingsService::IntentSetup>([&](auto done) {
                    settings.intentSetup(m_tenant, this, std::move(done));
                }));
        QCOMPARE(setup.examples.size(), 1);
        QCOMPARE(setup.threshold, QStringLiteral("0.40"));

        // Importing files into the knowledge base: an agent is refused and nothing is stored.
        QTemporaryDir dir;
        QFile page(dir.filePath(QStringLiteral("hours.md")));
        QVERIFY(page.open(QIODevice::WriteOnly));
        page.write("# Hours\nWe open at 8 and close at 10, every day.\n");
        page.close();
        const auto import = [&](qint64 actor) {
            KnowledgeImport run(worker, m_tenant, {page.fileName()});
            run.setActor(actor);
            QSignalSpy finished(&run, &KnowledgeImport::finished);
            run.start();
            if (!finished.wait(20000))
                return QList<DocumentImporter::Outcome>{};
            return finished.first().first().value<QList<DocumentImporter::Outcome>>();
        };
        const auto refused = import(m_agent);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().kind, DocumentImporter::Outcome::Kind::Rejected);
        QVERIFY2(refused.first().message.contains(QLatin1String("manager")),
                 qPrintable(refused.first().message));
        const auto imported = import(m_manager);
        QCOMPARE(imported.size(), 1);
        QCOMPARE(imported.first().kind, DocumentImporter::Outcome::Kind::Imported);
        worker.close();
        auto reopened = Store::open(m_url);
        QVERIFY(reopened);
        m_store = std::move(reopened).value();
        QVERIFY(actions(m_owner).contains(QStringLiteral("channel.add")));
        QVERIFY(actions(m_manager).contains(QStringLiteral("intents.change")));
        QVERIFY(actions(m_manager).contains(QStringLiteral("knowledge.import")));
        QVERIFY(!actions(m_agent).contains(QStringLiteral("knowledge.import")));
    }

    void theLastOwnerStays()
    {
        auto demoted =
            OperatorAccounts::setRole(*m_store, m_tenant, m_owner, m_owner, OperatorRole::Manager);
        QVERIFY(!demoted);
        QCOMPARE(demoted.errorKind(), ErrorKind::Invalid);
        QVERIFY(!OperatorAccounts::setDisabled(*m_store, m_tenant, m_owner, m_owner, true));
        // With a second owner the first may step down.
        SD_VERIFY_OK(
            OperatorAccounts::setRole(*m_store, m_tenant, m_owner, m_manager, OperatorRole::Owner));
        SD_VERIFY_OK(OperatorAccounts::setRole(*m_store, m_tenant, m_manager, m_manager,
                                               OperatorRole::Manager));
    }

    void signInWithTheRightSecretOnly()
    {
        SD_TAKE(me, OperatorAccounts::signIn(*m_store, m_tenant, m_manager,
                                             secretFor(QStringLiteral("Raj"))));
        QCOMPARE(me.id, m_manager);
        SD_TAKE(after, m_store->operators().find(m_tenant, m_manager));
        QVERIFY(after.lastSignInAt.isValid());
        auto wrong =
            OperatorAccounts::signIn(*m_store, m_tenant, m_manager, QStringLiteral("nope"));
        QVERIFY(forbidden(wrong));
        QVERIFY2(wrong.error().contains(QStringLiteral("not Raj's password")),
                 qPrintable(wrong.error()));
        SD_TAKE(c, m_store->operators().credentials(m_tenant, m_manager));
        QCOMPARE(c.failedSignIns, 1);
        // A right answer forgets the wrong one.
        SD_VERIFY_OK(OperatorAccounts::signIn(*m_store, m_tenant, m_manager,
                                              secretFor(QStringLiteral("Raj"))));
        SD_TAKE(c2, m_store->operators().credentials(m_tenant, m_manager));
        QCOMPARE(c2.failedSignIns, 0);
        // The hash in the database is Argon2id, never the password.
        QVERIFY(c2.secretHash.startsWith(QStringLiteral("$argon2id$")));
        QVERIFY(!c2.secretHash.contains(secretFor(QStringLiteral("Raj"))));
    }

    void wrongTriesLockTheAccount()
    {
        const QString right = secretFor(QStringLiteral("Priya"));
        for (int i = 1; i < SignInPolicy::kFreeTries; ++i) {
            auto r = OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QStringLiteral("0000"));
            QVERIFY(forbidden(r));
            QVERIFY2(!r.error().contains(QStringLiteral("try again in")), qPrintable(r.error()));
        }
        auto locking =
            OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QStringLiteral("0000"));
        QVERIFY2(locking.error().contains(QStringLiteral("try again in 30 seconds")),
                 qPrintable(locking.error()));
        // Locked: even the right secret is refused, and not counted against them.
        auto refused = OperatorAccounts::signIn(*m_store, m_tenant, m_agent, right);
        QVERIFY(forbidden(refused));
        QVERIFY2(refused.error().startsWith(QStringLiteral("Too many wrong tries")),
                 qPrintable(refused.error()));
        SD_TAKE(c, m_store->operators().credentials(m_tenant, m_agent));
        QCOMPARE(c.failedSignIns, SignInPolicy::kFreeTries);
        QVERIFY(c.lockedUntil > QDateTime::currentDateTimeUtc());
        // The next wrong one after the lock locks for twice as long.
        SD_VERIFY_OK(m_store->operators().lockUntil(m_tenant, m_agent, QDateTime()));
        auto again = OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QStringLiteral("0000"));
        QVERIFY2(again.error().contains(QStringLiteral("60 seconds")), qPrintable(again.error()));
        // Once the lock has passed, the right secret works and clears the count.
        SD_VERIFY_OK(m_store->operators().lockUntil(m_tenant, m_agent,
                                                    QDateTime::currentDateTimeUtc().addSecs(-1)));
        SD_VERIFY_OK(OperatorAccounts::signIn(*m_store, m_tenant, m_agent, right));
        SD_TAKE(c2, m_store->operators().credentials(m_tenant, m_agent));
        QCOMPARE(c2.failedSignIns, 0);
        QVERIFY(!c2.lockedUntil.isValid());
        QCOMPARE(QDateTime::currentDateTimeUtc().secsTo(
                     SignInPolicy::lockedUntil(40, QDateTime::currentDateTimeUtc())),
                 15 * 60);
    }

    void aPinIsOptionalOnOneComputerOnly()
    {
        // Without a secret: on one computer (SQLite) picking your name signs you in; a shared
        // store (PostgreSQL) refuses until the owner gives a password.
        auto removed = OperatorAccounts::setSecretHash(*m_store, m_tenant, m_owner, m_agent, {});
        QCOMPARE(removed.ok(), !shared());
        auto open = OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QString());
        if (shared()) {
            QVERIFY(forbidden(open));
            QCOMPARE(removed.errorKind(), ErrorKind::Invalid);
        } else {
            SD_VERIFY_OK(open);
            // A PIN set later is asked for again.
            SD_VERIFY_OK(OperatorAccounts::setSecretHash(
                *m_store, m_tenant, m_agent, m_agent,
                PasswordHash::hash(QStringLiteral("4821")).value()));
            QVERIFY(forbidden(OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QString())));
            SD_VERIFY_OK(
                OperatorAccounts::signIn(*m_store, m_tenant, m_agent, QStringLiteral("4821")));
        }
        QVERIFY(!SignInPolicy::problemWith(QStringLiteral("1234567"), true).isEmpty());
        QVERIFY(SignInPolicy::problemWith(QStringLiteral("12345678"), true).isEmpty());
        QVERIFY(SignInPolicy::problemWith(QStringLiteral("4821"), false).isEmpty());
        QVERIFY(!SignInPolicy::problemWith(QStringLiteral("48"), false).isEmpty());
    }

    void everyActionIsAudited()
    {
        OutboundDraft draft;
        draft.tenantId = m_tenant;
        draft.conversationId = m_chat;
        draft.operatorId = m_manager;
        draft.text = QStringLiteral("Your refund is on its way.");
        SD_VERIFY_OK(ConversationActions::reply(*m_store, draft, true));
        SD_VERIFY_OK(ConversationActions::handBack(*m_store, m_tenant, m_chat, m_manager));
        const QStringList raj = actions(m_manager);
        for (const QString &action :
             {QStringLiteral("signin"), QStringLiteral("signin.failed"),
              QStringLiteral("conversation.takeover"), QStringLiteral("conversation.send"),
              QStringLiteral("conversation.handback"), QStringLiteral("operator.role")})
            QVERIFY2(raj.contains(action),
                     qPrintable(action + QStringLiteral(" in ") + raj.join(u',')));
        const QStringList meena = actions(m_owner);
        for (const QString &action :
             {QStringLiteral("operator.add"), QStringLiteral("operator.disable"),
              QStringLiteral("operator.enable")})
            QVERIFY2(meena.contains(action),
                     qPrintable(action + QStringLiteral(" in ") + meena.join(u',')));
        // Filters: by action prefix, by text in the detail, by time.
        AuditFilter chats;
        chats.actionPrefix = QStringLiteral("conversation.");
        SD_TAKE(chatLines, m_store->audit().entries(m_tenant, chats));
        QVERIFY(!chatLines.isEmpty());
        for (const AuditEntry &e : chatLines)
            QVERIFY(e.action.startsWith(QStringLiteral("conversation.")));
        AuditFilter locked;
        locked.text = QStringLiteral("LOCKED_UNTIL");
        SD_TAKE(lockLines, m_store->audit().entries(m_tenant, locked));
        QVERIFY(!lockLines.isEmpty());
        QCOMPARE(lockLines.first().operatorName, QStringLiteral("Priya"));
        AuditFilter future;
        future.from = QDateTime::currentDateTimeUtc().addDays(1);
        SD_TAKE(none, m_store->audit().entries(m_tenant, future));
        QVERIFY(none.isEmpty());
        // Nothing of the other store shows here; no secret is written in any line.
        SD_TAKE(all, m_store->audit().entries(m_tenant, {}));
        for (const AuditEntry &e : all) {
            QVERIFY(e.operatorId != m_stranger);
            QVERIFY(!e.detail.contains(QStringLiteral("-pass-")));
        }
    }

    void theAuditLogCannotBeChanged()
    {
        SD_TAKE(before, m_store->audit().entries(m_tenant, {}));
        auto update = sql::guard([&] {
            m_store->backend().exec(QStringLiteral("UPDATE audit_log SET action = 'nothing' "
                                                   "WHERE tenant_id = ?"),
                                    {m_tenant});
            return Done{};
        });
        QVERIFY(!update);
        QVERIFY2(update.error().contains(QStringLiteral("cannot be changed")),
                 qPrintable(update.error()));
        auto remove = sql::guard([&] {
            m_store->backend().exec(QStringLiteral("DELETE FROM audit_log WHERE tenant_id = ?"),
                                    {m_tenant});
            return Done{};
        });
        QVERIFY(!remove);
        SD_TAKE(after, m_store->audit().entries(m_tenant, {}));
        QCOMPARE(after.size(), before.size());
        // Deleting a whole store takes its log with it.
        SD_VERIFY_OK(sql::guard([&] {
            m_store->backend().exec(QStringLiteral("DELETE FROM tenants WHERE id = ?"), {m_other});
            return Done{};
        }));
        SD_TAKE(gone, m_store->audit().entries(m_other, {}));
        QVERIFY(gone.isEmpty());
    }

    void theServiceChecksPasswordsOffTheDatabaseThread()
    {
        m_store.reset();
        StoreWorker worker(m_url);
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QVERIFY(ready.wait(20000));
        OperatorService service(worker);
        // A wrong password answers after the policy's delay; the right one signs in.
        QElapsedTimer clock;
        clock.start();
        auto wrong = test::answerOf<Operator>([&](auto done) {
            service.signIn(m_tenant, m_manager, QStringLiteral("wrong"), this, std::move(done));
        });
        QVERIFY(forbidden(wrong));
        QVERIFY(clock.elapsed() >= SignInPolicy::kWrongAnswerDelayMs);
        SD_TAKE(me, test::answerOf<Operator>([&](auto done) {
                    service.signIn(m_tenant, m_manager, secretFor(QStringLiteral("Raj")), this,
                                   std::move(done));
                }));
        QCOMPARE(me.name, QStringLiteral("Raj"));
        // Setting a password through the service hashes it; a too-short one is refused.
        auto tooShort = test::answerOf<Done>([&](auto done) {
            service.setSecret(m_tenant, m_manager, m_manager, QStringLiteral("12"), this,
                              std::move(done));
        });
        QCOMPARE(tooShort.errorKind(), ErrorKind::Invalid);
        SD_VERIFY_OK(test::answerOf<Done>([&](auto done) {
            service.setSecret(m_tenant, m_manager, m_manager, QStringLiteral("new-secret-99"), this,
                              std::move(done));
        }));
        SD_VERIFY_OK(test::answerOf<Operator>([&](auto done) {
            service.signIn(m_tenant, m_manager, QStringLiteral("new-secret-99"), this,
                           std::move(done));
        }));
        auto agentReads = test::answerOf<QList<AuditEntry>>(
            [&](auto done) { service.auditLog(m_tenant, m_agent, {}, this, std::move(done)); });
        QVERIFY(forbidden(agentReads));
        worker.close();
    }
};

QTEST_GUILESS_MAIN(AccessTest)
#include "tst_access.moc"
