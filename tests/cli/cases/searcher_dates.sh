# Dates: exact day, month, year; ranges closed and open at either end. Oldest first.
dated() { echo "== $1"; $SEARCHER --db "$DB" -n 50 --sort date "$1" | grep -E '^ +[0-9]{4}(-[0-9]{2})*( |$)' || echo "exit $?"; }
dated 'date:2016-09-07'
dated 'date:2017-02'
dated 'date:2018'
dated 'water date:2016-09-01..2016-09-10'
dated 'date:2018-03..'
dated 'date:..2015'
dated 'date:2019..'
