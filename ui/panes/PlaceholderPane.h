#pragma once

#include <QWidget>

namespace shopdesk {

// A pane whose feature has not landed yet: says plainly what it will hold.
class PlaceholderPane : public QWidget
{
    Q_OBJECT
public:
    PlaceholderPane(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace shopdesk
