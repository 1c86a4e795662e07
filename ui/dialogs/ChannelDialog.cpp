#include "dialogs/ChannelDialog.h"

#include "messaging/ChannelConfig.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace shopdesk {
namespace {

QString labelFor(const QString &key)
{
    static const QHash<QString, QString> labels = {
        {QStringLiteral("phone_number_id"), QObject::tr("Phone number ID")},
        {QStringLiteral("access_token"), QObject::tr("Access token")},
        {QStringLiteral("app_secret"), QObject::tr("App secret")},
        {QStringLiteral("verify_token"), QObject::tr("Verify token")},
        {QStringLiteral("api_version"), QObject::tr("Graph API version")},
        {QStringLiteral("api_base"), QObject::tr("API address (advanced)")},
        {QStringLiteral("account_sid"), QObject::tr("Account SID")},
        {QStringLiteral("auth_token"), QObject::tr("Auth token")},
        {QStringLiteral("from"), QObject::tr("WhatsApp sender number")},
        {QStringLiteral("public_url"), QObject::tr("Public address (for signatures)")},
        {QStringLiteral("base_url"), QObject::tr("Evolution server address")},
        {QStringLiteral("api_key"), QObject::tr("API key")},
        {QStringLiteral("instance"), QObject::tr("Instance name")},
        {QStringLiteral("webhook_secret"), QObject::tr("Webhook secret")},
        {QStringLiteral("allow_groups"), QObject::tr("Answer group chats (true/false)")},
        {QStringLiteral("rate_limit"), QObject::tr("Messages per second (default 80)")},
        {QStringLiteral("media_max_bytes"), QObject::tr("Largest file to download (bytes)")},
    };
    return labels.value(key, key);
}

QString providerTitle(const QString &provider)
{
    if (provider == QLatin1String("meta"))
        return QObject::tr("WhatsApp Cloud API (Meta)");
    if (provider == QLatin1String("twilio"))
        return QObject::tr("Twilio");
    if (provider == QLatin1String("evolution"))
        return QObject::tr("Evolution API (self-hosted)");
    return QObject::tr("Simulator (test phone, no account needed)");
}

} // namespace

ChannelDialog::ChannelDialog(const Channel &channel, QWidget *parent)
    : QDialog(parent)
    , m_channel(channel)
    , m_initial(QJsonDocument::fromJson(channel.configJson.toUtf8()).object())
{
    setWindowTitle(channel.id ? tr("Edit WhatsApp channel") : tr("Add a WhatsApp channel"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QFormLayout;
    m_provider = new QComboBox(this);
    m_provider->setObjectName(QStringLiteral("providerBox"));
    for (const QString &p : ChannelConfig::providers())
        m_provider->addItem(providerTitle(p), p);
    if (channel.id) {
        m_provider->setCurrentIndex(int(ChannelConfig::providers().indexOf(channel.provider)));
        m_provider->setEnabled(false); // a number does not change provider; add a new channel
    } else {
        m_provider->setCurrentIndex(
            int(ChannelConfig::providers().indexOf(QStringLiteral("simulator"))));
    }
    m_name = new QLineEdit(channel.name, this);
    m_name->setObjectName(QStringLiteral("channelName"));
    m_name->setPlaceholderText(tr("e.g. Shop number"));
    top->addRow(tr("Provider"), m_provider);
    top->addRow(tr("Name"), m_name);
    layout->addLayout(top);
    m_form = new QFormLayout;
    layout->addLayout(m_form);
    m_templates = new QPlainTextEdit(this);
    m_templates->setObjectName(QStringLiteral("templates"));
    m_templates->setPlaceholderText(
        tr("Approved templates, as JSON: [{\"name\": \"payment_reminder\", \"language\": \"en\", "
           "\"text\": \"Hi {{1}}, ₹{{2}} is due.\"}] (Twilio: add \"content_sid\")"));
    m_templates->setMaximumHeight(90);
    const QJsonArray templates = ChannelConfig(channel).templates();
    if (!templates.isEmpty())
        m_templates->setPlainText(QString::fromUtf8(QJsonDocument(templates).toJson()));
    layout->addWidget(new QLabel(tr("Message templates"), this));
    layout->addWidget(m_templates);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("channelError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#b01e1e;"));
    m_error->hide();
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChannelDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &ChannelDialog::rebuildFields);
    rebuildFields();
}

void ChannelDialog::rebuildFields()
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    const QString provider = m_provider->currentData().toString();
    const QStringList required = ChannelConfig::requiredKeys(provider);
    for (const QString &key : ChannelConfig::knownKeys(provider)) {
        if (key == QLatin1String("templates"))
            continue;
        auto *edit = new QLineEdit(this);
        edit->setObjectName(key);
        if (ChannelConfig::isSecret(key))
            edit->setEchoMode(QLineEdit::PasswordEchoOnEdit);
        const QJsonValue initial = m_initial.value(key);
        edit->setText(initial.isString() ? initial.toString() : initial.toVariant().toString());
        if (provider == QLatin1String("simulator") && ChannelConfig::isSecret(key))
            edit->setPlaceholderText(tr("made for you"));
        m_form->addRow(labelFor(key) + (required.contains(key) ? QStringLiteral(" *") : QString()),
                       edit);
        m_fields.insert(key, edit);
    }
}

Channel ChannelDialog::channel() const
{
    Channel c = m_channel;
    c.provider = m_provider->currentData().toString();
    c.name =
        m_name->text().trimmed().isEmpty() ? providerTitle(c.provider) : m_name->text().trimmed();
    QJsonObject config;
    for (auto it = m_fields.constBegin(); it != m_fields.constEnd(); ++it) {
        const QString value = it.value()->text().trimmed();
        if (!value.isEmpty())
            config.insert(it.key(), value);
    }
    const QJsonDocument templates = QJsonDocument::fromJson(m_templates->toPlainText().toUtf8());
    if (templates.isArray() && !templates.array().isEmpty())
        config.insert(QLatin1String("templates"), templates.array());
    ChannelConfig::validate(c.provider, config); // fills the simulator's generated secrets
    c.configJson = QString::fromUtf8(QJsonDocument(config).toJson(QJsonDocument::Compact));
    return c;
}

void ChannelDialog::accept()
{
    if (!m_templates->toPlainText().trimmed().isEmpty() &&
        !QJsonDocument::fromJson(m_templates->toPlainText().toUtf8()).isArray()) {
        m_error->setText(tr("The templates are not a JSON list. Leave the box empty if you have "
                            "no templates yet."));
        m_error->show();
        return;
    }
    const Channel c = channel();
    QJsonObject config = QJsonDocument::fromJson(c.configJson.toUtf8()).object();
    if (auto valid = ChannelConfig::validate(c.provider, config); !valid) {
        m_error->setText(valid.error());
        m_error->show();
        return;
    }
    QDialog::accept();
}

} // namespace shopdesk
