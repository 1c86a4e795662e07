#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace shopdesk {

// A non-modal message across the top of a window (errors, notices), closable; never a dialog.
class BannerWidget : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { Information, Warning, Error };

    explicit BannerWidget(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QToolButton *m_close = nullptr;
    Kind m_kind = Kind::Information;
};

} // namespace shopdesk
