// The AI employee's settings as a store owner changes them: the bot's name and rules, its
// replies, the store's own intent examples with a message tried against them, the store profile
// the bot quotes; every change saved in the store and the bot using it.
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "engine/Engine.h"
#include "panes/SettingsPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"
#include "widgets/agent/AiEmployeeSection.h"
#include "widgets/agent/IntentExamplesEditor.h"
#include "widgets/agent/ReplyTemplatesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class AgentSettingsTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    AiEmployeeSection *section() const { return m_window->settingsPane()->agent(); }

    QString setting(const QString &key)
    {
        std::optional<Result<QMap<QString, QString>>> out;
        QObject context;
        const qint64 tenant = m_window->currentTenantId();
        m_engine->store().run(
            &context, [tenant](Store &s) { return s.tenants().settings(tenant); },
            [&out](Result<QMap<QString, QString>> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000) || !*out)
            return QStringLiteral("(no answer)");
        return out->value().value(key);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("ShopdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("shopdesk-agent-settings"));
        Engine::Options options;
        options.dataDir = m_home.filePath(QStringLiteral("data"));
        QDir().mkpath(options.dataDir);
        options.database = DatabaseUrl::defaultFor(options.dataDir);
        options.loadDemoIfEmpty = true;
        options.agent = false;
        m_settings = std::make_unique<ConsoleSettings>();
        m_engine = std::make_unique<Engine>(options);
        m_window = std::make_unique<MainWindow>(*m_engine, *m_settings);
        m_window->resize(1280, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy loaded(section(), &AiEmployeeSection::loaded);
        m_engine->start();
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->state(), Engine::State::Running, 20000);
        m_window->showPane(MainWindow::Settings);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
    }

    void thePersonaAndRulesAreSaved()
    {
        QCOMPARE(section()->personaName()->text(), setting(QStringLiteral("persona.name")));
        QVERIFY(section()->modelState()->text().contains(QLatin1String("No model is set up")));
        QVERIFY(!section()->useModel()->isEnabled());
        section()->personaName()->setText(QStringLiteral("Meera"));
        section()->orderLimit()->setValue(2500);
        QSignalSpy saved(section(), &AiEmployeeSection::saved);
        section()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        QCOMPARE(setting(QStringLiteral("persona.name")), QStringLiteral("Meera"));
        QCOMPARE(setting(QStringLiteral("escalation.order_above")), QStringLiteral("2500"));
        QVERIFY(m_window->banner()->text().contains(QLatin1String("Saved")));
    }

    void aReplyIsChangedAndReset()
    {
        QTableWidget *table = section()->replies()->table();
        int greeting = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->data(Qt::UserRole).toString() == QLatin1String("greeting"))
                greeting = r;
        QVERIFY(greeting >= 0);
        QVERIFY(!table->item(greeting, 1)->font().bold());
        table->item(greeting, 1)
            ->setText(QStringLiteral("Hi! {persona} here. What can I get you?"));
        QVERIFY(table->item(greeting, 1)->font().bold()); // the store's own now
        QSignalSpy saved(section()->replies(), &ReplyTemplatesEditor::saved);
        section()->replies()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        QCOMPARE(setting(QStringLiteral("templates.greeting")),
                 QStringLiteral("Hi! {persona} here. What can I get you?"));
        QCOMPARE(setting(QStringLiteral("templates.greeting.hi")), QString()); // untouched

        table->setCurrentCell(greeting, 1);
        table->item(greeting, 1)->setSelected(true);
        section()->replies()->resetSelected();
        QVERIFY(!table->item(greeting, 1)->font().bold());
        section()->replies()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 10000);
        QCOMPARE(setting(QStringLiteral("templates.greeting")), QString());
    }

    void anExampleIsAddedAndAMessageTried()
    {
        IntentExamplesEditor *intents = section()->intents();
        QCOMPARE(intents->table()->rowCount(), 0);
        intents->addExample(QStringLiteral("saamaan kab tak pahunchega"),
                            QStringLiteral("delivery"));
        QSignalSpy saved(intents, &IntentExamplesEditor::saved);
        intents->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        std::optional<Result<IntentExamples>> stored;
        QObject context;
        const qint64 tenant = m_window->currentTenantId();
        m_engine->store().run(
            &context, [tenant](Store &s) { return s.agent().intentExamples(tenant); },
            [&stored](Result<IntentExamples> r) { stored.emplace(std::move(r)); });
        QTRY_VERIFY(stored.has_value());
        QCOMPARE(stored->value().size(), 1);
        QCOMPARE(stored->value().first().label, QStringLiteral("delivery"));

        QSignalSpy tried(intents, &IntentExamplesEditor::tried);
        intents->tryMessage(QStringLiteral("2 dozen ande aur 1 litre amul milk bhej do"));
        QTRY_COMPARE_WITH_TIMEOUT(tried.size(), 1, 20000);
        const QString result = intents->tryResult()->text();
        QVERIFY2(result.contains(QLatin1String("place order")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("₹236")), qPrintable(result));
    }

    void theProfileIsEditable()
    {
        QLineEdit *hours = m_window->settingsPane()->profileField(QStringLiteral("store.hours"));
        QVERIFY(hours);
        const QString demoHours = setting(QStringLiteral("store.hours"));
        QCOMPARE(hours->text(), demoHours);
        hours->setText(QStringLiteral("8:00 am to 10:00 pm, every day"));
        hours->setModified(true);
        QLineEdit *charge =
            m_window->settingsPane()->profileField(QStringLiteral("delivery.charge"));
        const QString before = charge->text();
        charge->setText(QStringLiteral("thirty"));
        m_window->settingsPane()->saveProfile();
        QVERIFY(m_window->banner()->text().contains(QLatin1String("amount in rupees")));
        QCOMPARE(setting(QStringLiteral("store.hours")), demoHours); // nothing saved
        charge->setText(before);
        m_window->settingsPane()->saveProfile();
        QTRY_COMPARE_WITH_TIMEOUT(setting(QStringLiteral("store.hours")),
                                  QStringLiteral("8:00 am to 10:00 pm, every day"), 10000);
        const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            auto *scroll = m_window->settingsPane()->findChild<QScrollArea *>();
            scroll->ensureWidgetVisible(section());
            m_window->grab().save(QDir(dir).filePath(QStringLiteral("settings-agent.png")));
        }
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_engine.reset();
    }
};

QTEST_MAIN(AgentSettingsTest)
#include "tst_agent_settings.moc"
