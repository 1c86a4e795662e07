#include "panes/SettingsPane.h"

#include "ConsoleSettings.h"
#include "StoreSettingsIO.h"
#include "access/Permission.h"
#include "engine/Engine.h"
#include "storage/StoreWorker.h"
#include "widgets/ChannelsSection.h"
#include "widgets/agent/AiEmployeeSection.h"
#include "widgets/inbox/InboxSettingsSection.h"
#include "widgets/people/PeopleSection.h"
#include "widgets/privacy/PrivacySection.h"

#include <QSpinBox>

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace shopdesk {
namespace {

// Store settings shown in the profile, in this order, with the words a store owner uses.
const QList<QPair<QString, QString>> &profileFields()
{
    static const QList<QPair<QString, QString>> fields = {
        {QStringLiteral("store.address"), QObject::tr("Address")},
        {QStringLiteral("store.phone"), QObject::tr("Phone")},
        {QStringLiteral("store.gstin"), QObject::tr("GSTIN (printed on bills)")},
        {QStringLiteral("bill.tax_percent"), QObject::tr("GST included in prices (%)")},
        {QStringLiteral("owner.numbers"), QObject::tr("Owner's WhatsApp numbers (commands)")},
        {QStringLiteral("store.hours"), QObject::tr("Opening hours")},
        {QStringLiteral("delivery.areas"), QObject::tr("Delivery areas")},
        {QStringLiteral("delivery.charge"), QObject::tr("Delivery charge (₹)")},
        {QStringLiteral("delivery.free_above"), QObject::tr("Free delivery above (₹)")},
        {QStringLiteral("delivery.time"), QObject::tr("Delivery time")},
    };
    return fields;
}

} // namespace

SettingsPane::SettingsPane(Engine &engine, ConsoleSettings &settings, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_settings(settings)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);
    auto *content = new QWidget(scroll);
    scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(24, 24, 24, 24);

    auto *console = new QGroupBox(tr("This console"), content);
    auto *consoleForm = new QFormLayout(console);
    auto *databaseRow = new QHBoxLayout;
    m_database = new QLineEdit(console);
    m_database->setObjectName(QStringLiteral("databaseUrl"));
    m_database->setPlaceholderText(
        tr("Embedded (this computer): %1").arg(engine.options().database.toString()));
    m_database->setText(settings.databaseUrl());
    auto *save = new QPushButton(tr("Save"), console);
    databaseRow->addWidget(m_database, 1);
    databaseRow->addWidget(save);
    consoleForm->addRow(tr("Database"), databaseRow);
    auto *hint =
        new QLabel(tr("Leave empty for the store on this computer. A shop with several "
                      "desks points every console at one PostgreSQL server, for example "
                      "postgresql://shopdesk@192.168.1.10/shopdesk. Applies on the next start."),
                   console);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color:#666;"));
    consoleForm->addRow(QString(), hint);
    consoleForm->addRow(tr("In use now"),
                        new QLabel(engine.options().database.redacted(), console));
    consoleForm->addRow(tr("Data folder"), new QLabel(engine.options().dataDir, console));
    m_engineState = new QLabel(console);
    m_engineState->setObjectName(QStringLiteral("engineState"));
    consoleForm->addRow(tr("Engine"), m_engineState);
    m_alertSound = new QCheckBox(
        tr("Play the desktop's alert sound when a customer starts waiting for a person"), console);
    m_alertSound->setObjectName(QStringLiteral("alertSound"));
    m_alertSound->setChecked(settings.alertSound());
    consoleForm->addRow(tr("Alerts"), m_alertSound);
    connect(m_alertSound, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setAlertSound(on);
        Q_EMIT alertSoundChanged(on);
    });
    m_lowStockTray = new QCheckBox(
        tr("Show a desktop notification when products fall to their low-stock level"), console);
    m_lowStockTray->setObjectName(QStringLiteral("lowStockTray"));
    m_lowStockTray->setChecked(settings.lowStockTray());
    consoleForm->addRow(QString(), m_lowStockTray);
    connect(m_lowStockTray, &QCheckBox::toggled, this, [this](bool on) {
        m_settings.setLowStockTray(on);
        Q_EMIT lowStockTrayChanged(on);
    });
    m_lockMinutes = new QSpinBox(console);
    m_lockMinutes->setObjectName(QStringLiteral("lockMinutes"));
    m_lockMinutes->setRange(0, 240);
    m_lockMinutes->setSuffix(tr(" min"));
    m_lockMinutes->setSpecialValueText(tr("never"));
    m_lockMinutes->setValue(settings.lockAfterMinutes());
    m_lockMinutes->setToolTip(tr("Someone with a PIN or password is signed out after this long "
                                 "without a key or click (Ctrl+L locks at once)."));
    consoleForm->addRow(tr("Lock when unused for"), m_lockMinutes);
    connect(m_lockMinutes, &QSpinBox::valueChanged, this, &SettingsPane::lockMinutesChanged);
    layout->addWidget(console);

    m_people = new PeopleSection(engine.operators(), content);
    connect(m_people, &PeopleSection::message, this, &SettingsPane::message);
    layout->addWidget(m_people);

    m_channels = new ChannelsSection(engine, content);
    connect(m_channels, &ChannelsSection::message, this, &SettingsPane::message);
    layout->addWidget(m_channels);

    auto *profile = new QGroupBox(tr("Store profile (the bot tells customers these)"), content);
    auto *profileLayout = new QVBoxLayout(profile);
    m_profile = new QFormLayout;
    m_profile->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (const auto &[key, label] : profileFields()) {
        auto *edit = new QLineEdit(profile);
        edit->setObjectName(key);
        m_profileEdits.insert(key, edit);
        m_profile->addRow(label, edit);
    }
    profileLayout->addLayout(m_profile);
    auto *saveProfile = new QPushButton(tr("Save profile"), profile);
    saveProfile->setObjectName(QStringLiteral("saveProfile"));
    auto *profileButtons = new QHBoxLayout;
    profileButtons->addStretch(1);
    profileButtons->addWidget(saveProfile);
    profileLayout->addLayout(profileButtons);
    layout->addWidget(profile);
    m_profileBox = profile;

    m_agent = new AiEmployeeSection(engine, content);
    connect(m_agent, &AiEmployeeSection::message, this, &SettingsPane::message);
    layout->addWidget(m_agent);
    m_inbox = new InboxSettingsSection(engine.conversations(), engine.options().dataDir, content);
    connect(m_inbox, &InboxSettingsSection::message, this, &SettingsPane::message);
    layout->addWidget(m_inbox);
    m_privacy = new PrivacySection(engine.privacy(), content);
    connect(m_privacy, &PrivacySection::message, this, &SettingsPane::message);
    layout->addWidget(m_privacy);
    layout->addStretch(1);
    connect(saveProfile, &QPushButton::clicked, this, &SettingsPane::saveProfile);

    connect(save, &QPushButton::clicked, this, &SettingsPane::saveDatabase);
    connect(m_database, &QLineEdit::returnPressed, this, &SettingsPane::saveDatabase);
    connect(&engine, &Engine::stateChanged, this, &SettingsPane::updateEngineState);
    connect(&engine.store(), &StoreWorker::settingsChanged, this, [this](qint64 tenantId) {
        if (tenantId == m_tenantId) {
            loadProfile();
            m_agent->refreshModelState();
        }
    });
    updateEngineState();
}

void SettingsPane::updateEngineState()
{
    m_engineState->setText(m_engine.stateText());
}

void SettingsPane::saveDatabase()
{
    const QString text = m_database->text().trimmed();
    if (!text.isEmpty()) {
        auto parsed = DatabaseUrl::parse(text);
        if (!parsed) {
            Q_EMIT message(parsed.error(), true);
            return;
        }
    }
    m_settings.setDatabaseUrl(text);
    Q_EMIT message(text.isEmpty()
                       ? tr("The console will use the store on this computer from the next start.")
                       : tr("The console will use %1 from the next start.")
                             .arg(DatabaseUrl::parse(text)->redacted()),
                   false);
}

void SettingsPane::setOperator(const Operator &op)
{
    const auto may = [&op](Permission p) {
        return op.id > 0 && Permissions::allows(op.role, p);
    };
    const auto gate = [](QWidget *section, bool allowed, Permission p) {
        section->setEnabled(allowed);
        section->setToolTip(allowed ? QString() : Permissions::refusal(p));
    };
    m_actor = op.id;
    m_channels->setActor(op.id);
    m_agent->setActor(op.id);
    m_inbox->setActor(op.id);
    gate(m_channels, may(Permission::ManageChannels), Permission::ManageChannels);
    gate(m_profileBox, may(Permission::ManageSettings), Permission::ManageSettings);
    gate(m_agent, may(Permission::ManageSettings), Permission::ManageSettings);
    gate(m_inbox, may(Permission::EditReplies), Permission::EditReplies);
    m_people->setContext(m_tenantId, op);
    m_privacy->setContext(m_tenantId, op);
}

void SettingsPane::setTenant(qint64 tenantId)
{
    if (tenantId == m_tenantId)
        return;
    m_tenantId = tenantId;
    m_channels->setTenant(tenantId);
    m_agent->setTenant(tenantId);
    m_inbox->setTenant(tenantId);
    loadProfile();
}

void SettingsPane::loadProfile()
{
    StoreSettingsIO::load(
        m_request, m_engine.storeSettings(), this, m_tenantId,
        [this](const QString &error) { Q_EMIT message(error, true); },
        [this](const StoreSettingsIO::Settings &settings) {
            for (auto it = m_profileEdits.cbegin(); it != m_profileEdits.cend(); ++it) {
                // Keep what the owner is typing; show the rest as saved.
                if (!it.value()->isModified())
                    it.value()->setText(settings.value(it.key()));
                it.value()->setPlaceholderText(tr("(not set)"));
            }
        });
}

void SettingsPane::saveProfile()
{
    QList<QPair<QString, QString>> values;
    for (const auto &[key, label] : profileFields()) {
        const QString text = m_profileEdits.value(key)->text().trimmed();
        if ((key == QLatin1String("delivery.charge") ||
             key == QLatin1String("delivery.free_above")) &&
            !text.isEmpty()) {
            bool ok = false;
            const double amount = text.toDouble(&ok);
            if (!ok || amount < 0) {
                Q_EMIT message(tr("%1 must be an amount in rupees, like 30 or 499.").arg(label),
                               true);
                return;
            }
        }
        values.append({key, text});
    }
    StoreSettingsIO::save(
        m_engine.storeSettings(), m_actor, this, m_tenantId, values, [this](const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT message(tr("The profile was not saved: %1").arg(error), true);
                return;
            }
            for (QLineEdit *edit : std::as_const(m_profileEdits))
                edit->setModified(false);
            Q_EMIT message(tr("Saved the store profile."), false);
        });
}

} // namespace shopdesk
