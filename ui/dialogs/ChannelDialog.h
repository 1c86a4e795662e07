#pragma once

#include "domain/Channel.h"

#include <QDialog>
#include <QHash>
#include <QJsonObject>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace shopdesk {

// Adds or edits one WhatsApp channel: the provider, a name and the provider's keys. Secrets are
// typed in hidden; the settings are checked before the dialog closes.
class ChannelDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChannelDialog(const Channel &channel = {}, QWidget *parent = nullptr);

    Channel channel() const; // the edited channel (configJson filled in)
    void accept() override;
    QLineEdit *field(const QString &key) const { return m_fields.value(key); }
    QComboBox *providerBox() const { return m_provider; }

private:
    void rebuildFields();

    Channel m_channel;
    QComboBox *m_provider = nullptr;
    QLineEdit *m_name = nullptr;
    QFormLayout *m_form = nullptr;
    QHash<QString, QLineEdit *> m_fields;
    QPlainTextEdit *m_templates = nullptr;
    QLabel *m_error = nullptr;
    QJsonObject m_initial;
};

} // namespace shopdesk
